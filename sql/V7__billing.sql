-- Billing: each account's Stripe customer and subscription as last read from Stripe, the dates the
-- lifecycle runs on (trial end, payment failed since, suspended since), and which emails went out.
-- users.subscription_status stays the one status the rest of the platform reads.
CREATE TABLE billing_accounts (
    user_id                   UUID PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    stripe_customer_id        VARCHAR(255) UNIQUE,
    stripe_subscription_id    VARCHAR(255),
    plan                      VARCHAR(20) CHECK (plan IN ('monthly', 'yearly')),
    trial_ends_at             TIMESTAMPTZ NOT NULL,
    current_period_end        TIMESTAMPTZ,
    cancel_at_period_end      BOOLEAN NOT NULL DEFAULT false,
    past_due_since            TIMESTAMPTZ,
    suspended_at              TIMESTAMPTZ,
    -- the computer was stopped by billing (and so is started again by billing), not by an operator
    suspended_computer        BOOLEAN NOT NULL DEFAULT false,
    data_deleted_at           TIMESTAMPTZ,
    trial_ending_mailed_at    TIMESTAMPTZ,
    deletion_week_mailed_at   TIMESTAMPTZ,
    deletion_day_mailed_at    TIMESTAMPTZ,
    updated_at                TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX billing_accounts_suspended_idx ON billing_accounts (suspended_at) WHERE suspended_at IS NOT NULL;

-- Every Stripe webhook event once, by Stripe's id: a redelivery finds its row and is only acknowledged.
CREATE TABLE stripe_events (
    id           VARCHAR(255) PRIMARY KEY,
    type         VARCHAR(100) NOT NULL,
    customer_id  VARCHAR(255),
    user_id      UUID REFERENCES users (id) ON DELETE SET NULL,
    received_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    handled_at   TIMESTAMPTZ
);
CREATE INDEX stripe_events_customer_idx ON stripe_events (customer_id, received_at);
