-- Sign-in with Google (OpenID Connect) or GitHub (OAuth 2): a provider's login (its stable subject: Google's `sub`,
-- GitHub's numeric user id) belongs to one account. A provider login whose email matches an existing password
-- account is tied to it only after that account's password was entered (oauth/ProviderSignIn), never by the email.
CREATE TABLE oauth_identities (
    id         UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    provider   VARCHAR(20)  NOT NULL CHECK (provider IN ('google', 'github')),
    subject    VARCHAR(255) NOT NULL CHECK (length(subject) > 0),
    user_id    UUID         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- the verified address the provider named when the login was tied to the account (for support, not for lookups)
    email      VARCHAR(254) NOT NULL,
    linked_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT oauth_identities_provider_subject_key UNIQUE (provider, subject),
    -- one Google and one GitHub login per account: a second one would be a second person's
    CONSTRAINT oauth_identities_user_provider_key UNIQUE (user_id, provider)
);

-- An account made through a provider has no password (it logs in through that provider only).
ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL;
