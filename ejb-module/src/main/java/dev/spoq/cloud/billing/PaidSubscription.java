package dev.spoq.cloud.billing;

import java.time.Instant;
import java.util.Optional;

/**
 * A customer's subscription as Stripe has it now (what the billing adapter read, in domain terms).
 *
 * @param plan             empty when its price is neither of the configured plans' prices
 * @param currentPeriodEnd when the paid period ends (renewal, or the end of a subscription canceled at period end)
 */
public record PaidSubscription(String id, State state, Optional<Plan> plan, Instant currentPeriodEnd,
                               boolean cancelAtPeriodEnd, Instant created) {

    /** Stripe's subscription statuses, as the lifecycle cares about them. */
    public enum State {
        /** active, trialing: paid for (or in Stripe's own trial) */
        PAYING,
        /** past_due: a renewal payment failed; Stripe retries */
        PAST_DUE,
        /** incomplete: the first payment has not gone through yet */
        PENDING,
        /** canceled, unpaid, incomplete_expired, paused: no longer paid */
        ENDED
    }

    /** Of several subscriptions of one customer, the one that counts: a live one before an ended one, then the newest. */
    public boolean countsBefore(PaidSubscription other) {
        boolean live = state != State.ENDED;
        boolean otherLive = other.state != State.ENDED;
        if (live != otherLive) {
            return live;
        }
        return created.isAfter(other.created);
    }
}
