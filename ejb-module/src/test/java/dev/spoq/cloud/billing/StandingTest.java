package dev.spoq.cloud.billing;

import dev.spoq.cloud.account.SubscriptionStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The lifecycle's rule: the subscription that counts and the account's dates decide, nothing else. */
class StandingTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final Duration GRACE = Duration.ofDays(7);
    private static final Instant TRIAL_RUNS = NOW.plus(Duration.ofDays(3));
    private static final Instant TRIAL_OVER = NOW.minusSeconds(1);

    private static Optional<PaidSubscription> subscription(PaidSubscription.State state) {
        return Optional.of(new PaidSubscription("sub_1", state, Optional.of(Plan.MONTHLY), NOW.plus(Duration.ofDays(30)),
                false, NOW.minus(Duration.ofDays(1))));
    }

    private static SubscriptionStatus of(Optional<PaidSubscription> subscription, Instant trialEnd, Instant pastDueSince) {
        return Standing.of(subscription, trialEnd, pastDueSince, GRACE, NOW);
    }

    @Test
    void aTrialRunsUntilItsEndAndIsSuspendedAfterWithoutASubscription() {
        assertEquals(SubscriptionStatus.TRIAL, of(Optional.empty(), TRIAL_RUNS, null));
        assertEquals(SubscriptionStatus.SUSPENDED, of(Optional.empty(), TRIAL_OVER, null));
        // a first payment still open does not end a running trial, nor save an ended one
        assertEquals(SubscriptionStatus.TRIAL, of(subscription(PaidSubscription.State.PENDING), TRIAL_RUNS, null));
        assertEquals(SubscriptionStatus.SUSPENDED, of(subscription(PaidSubscription.State.PENDING), TRIAL_OVER, null));
    }

    @Test
    void aPaidSubscriptionIsActiveWhateverTheTrialSays() {
        assertEquals(SubscriptionStatus.ACTIVE, of(subscription(PaidSubscription.State.PAYING), TRIAL_OVER, null));
        assertEquals(SubscriptionStatus.ACTIVE, of(subscription(PaidSubscription.State.PAYING), TRIAL_RUNS, NOW.minus(Duration.ofDays(30))));
    }

    @Test
    void aFailedPaymentRunsForTheGracePeriodThenSuspends() {
        assertEquals(SubscriptionStatus.PAST_DUE, of(subscription(PaidSubscription.State.PAST_DUE), TRIAL_OVER, null));
        assertEquals(SubscriptionStatus.PAST_DUE, of(subscription(PaidSubscription.State.PAST_DUE), TRIAL_OVER,
                NOW.minus(GRACE).plusSeconds(60)));
        assertEquals(SubscriptionStatus.SUSPENDED, of(subscription(PaidSubscription.State.PAST_DUE), TRIAL_OVER, NOW.minus(GRACE)));
    }

    @Test
    void anEndedSubscriptionSuspends() {
        assertEquals(SubscriptionStatus.SUSPENDED, of(subscription(PaidSubscription.State.ENDED), TRIAL_RUNS, null));
    }

    @Test
    void aLiveSubscriptionCountsBeforeAnEndedOneThenTheNewest() {
        PaidSubscription oldEnded = new PaidSubscription("a", PaidSubscription.State.ENDED, Optional.empty(), null, false, NOW);
        PaidSubscription live = new PaidSubscription("b", PaidSubscription.State.PAYING, Optional.empty(), null, false, NOW.minusSeconds(99));
        PaidSubscription newer = new PaidSubscription("c", PaidSubscription.State.PAYING, Optional.empty(), null, false, NOW.plusSeconds(1));
        assertEquals(true, live.countsBefore(oldEnded));
        assertEquals(false, oldEnded.countsBefore(live));
        assertEquals(true, newer.countsBefore(live));
    }

    @Test
    void deletionNoticesComeAWeekAndADayBefore() {
        Instant deletion = NOW.plus(Duration.ofDays(10));
        assertEquals(Optional.empty(), Standing.DeletionNotice.due(deletion, NOW));
        assertEquals(Optional.of(Standing.DeletionNotice.WEEK), Standing.DeletionNotice.due(deletion, deletion.minus(Duration.ofDays(7))));
        assertEquals(Optional.of(Standing.DeletionNotice.DAY), Standing.DeletionNotice.due(deletion, deletion.minus(Duration.ofHours(23))));
        assertEquals(Optional.empty(), Standing.DeletionNotice.due(deletion, deletion));
    }

    @Test
    void theTrialEndingEmailIsDueInItsLastTwoDays() {
        Instant end = NOW.plus(Duration.ofDays(5));
        assertEquals(false, Standing.trialEndingNoticeDue(end, NOW));
        assertEquals(true, Standing.trialEndingNoticeDue(end, end.minus(Duration.ofDays(2))));
        assertEquals(false, Standing.trialEndingNoticeDue(end, end));
    }
}
