-- Accounts as people expect them: verified emails, reset links, removed profiles, and leaving.

-- A verified email, and whether this account's computer was stopped because it was not verified in time
-- (so verifying starts it again, and only then: a computer billing or an operator stopped stays stopped).
ALTER TABLE users
    ADD COLUMN email_verified_at        TIMESTAMPTZ,
    ADD COLUMN unverified_suspended_at  TIMESTAMPTZ,
    -- an account that left: its row stays (the computer's deletion and the audit log still name it),
    -- its email is replaced by its hash and its password by an unusable value
    ADD COLUMN deleted_at               TIMESTAMPTZ;
-- accounts from before verification existed were not asked to verify: they count as verified
UPDATE users SET email_verified_at = created_at;
CREATE INDEX users_unverified_idx ON users (created_at) WHERE email_verified_at IS NULL AND deleted_at IS NULL;

-- The links mailed to people: a verification link, a password reset link. Only the SHA-256 of the random
-- token is stored (the mail is the only copy of the token); each is used once and expires.
CREATE TABLE account_email_tokens (
    id          UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id     UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose     VARCHAR(20) NOT NULL CHECK (purpose IN ('verify-email', 'reset-password')),
    token_hash  CHAR(64) NOT NULL UNIQUE,
    -- the address the link was sent to: a link is good only for the email it was sent to
    email       VARCHAR(254) NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ
);
CREATE INDEX account_email_tokens_user_idx ON account_email_tokens (user_id, purpose);

-- A removed profile: its Linux user is locked at once (it is no longer among the desired logins) and its
-- home is kept until keep_home_until, then removed. Re-creating a profile of the same name before then
-- brings the home back (the row is deleted).
CREATE TABLE removed_profiles (
    user_id           UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    username          VARCHAR(32) NOT NULL,
    removed_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    keep_home_until   TIMESTAMPTZ NOT NULL,
    -- when the removal of the home was asked of the computer (a sync-logins command carries it)
    home_removal_requested_at TIMESTAMPTZ,
    PRIMARY KEY (user_id, username)
);
CREATE INDEX removed_profiles_due_idx ON removed_profiles (keep_home_until) WHERE home_removal_requested_at IS NULL;
