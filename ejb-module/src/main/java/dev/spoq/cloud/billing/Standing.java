package dev.spoq.cloud.billing;

import dev.spoq.cloud.account.SubscriptionStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The rule of the lifecycle, a plain function: which status an account has now, from the subscription that
 * counts at Stripe (never from an event's type, since events arrive in any order) and the account's dates.
 * A paid subscription runs; a failed payment runs for the grace period; an ended one, an unpaid one past the
 * grace, or a trial over without a subscription is suspended.
 */
final class Standing {

    private Standing() {
    }

    /**
     * @param pastDueSince when the account became past due, or null when it is not (yet)
     */
    static SubscriptionStatus of(Optional<PaidSubscription> subscription, Instant trialEndsAt, Instant pastDueSince,
                                 Duration grace, Instant now) {
        PaidSubscription.State state = subscription.map(PaidSubscription::state).orElse(PaidSubscription.State.PENDING);
        return switch (state) {
            case PAYING -> SubscriptionStatus.ACTIVE;
            case PAST_DUE -> graceEnd(pastDueSince == null ? now : pastDueSince, grace).isAfter(now)
                    ? SubscriptionStatus.PAST_DUE : SubscriptionStatus.SUSPENDED;
            case ENDED -> SubscriptionStatus.SUSPENDED;
            // no subscription yet, or its first payment still open: the trial decides
            case PENDING -> trialEndsAt.isAfter(now) ? SubscriptionStatus.TRIAL : SubscriptionStatus.SUSPENDED;
        };
    }

    static Instant graceEnd(Instant pastDueSince, Duration grace) {
        return pastDueSince.plus(grace);
    }

    /** When a suspended account's computer and files are deleted. */
    static Instant deletionAt(Instant suspendedAt, Duration retention) {
        return suspendedAt.plus(retention);
    }

    /** The emails before a deletion: a week before, and a day before. */
    enum DeletionNotice {
        WEEK(Duration.ofDays(7)), DAY(Duration.ofDays(1));

        final Duration before;

        DeletionNotice(Duration before) {
            this.before = before;
        }

        /** The notice that is due now (the nearer one first), if the deletion has not come yet. */
        static Optional<DeletionNotice> due(Instant deletionAt, Instant now) {
            if (!now.isBefore(deletionAt)) {
                return Optional.empty();
            }
            if (!now.isBefore(deletionAt.minus(DAY.before))) {
                return Optional.of(DAY);
            }
            return !now.isBefore(deletionAt.minus(WEEK.before)) ? Optional.of(WEEK) : Optional.empty();
        }
    }

    /** The "your trial ends in 2 days" email is due from two days before the trial's end. */
    static boolean trialEndingNoticeDue(Instant trialEndsAt, Instant now) {
        return !now.isBefore(trialEndsAt.minus(Duration.ofDays(2))) && now.isBefore(trialEndsAt);
    }
}
