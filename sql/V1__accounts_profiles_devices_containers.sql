-- Spoq Cloud schema, version 1: the seed's four tables plus what a real system needs.
-- Limits live here too (triggers that lock the owning user row), so they hold for every writer
-- and under concurrent requests, not only in Java.

CREATE TABLE users (
    id                   UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    email                VARCHAR(254) NOT NULL,
    password_hash        VARCHAR(512) NOT NULL,
    subdomain            VARCHAR(63),
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    subscription_status  VARCHAR(20) NOT NULL DEFAULT 'trial'
        CHECK (subscription_status IN ('trial', 'active', 'past_due', 'canceled', 'suspended')),
    subscription_ends_at TIMESTAMPTZ,
    CONSTRAINT users_subdomain_is_dns_label CHECK (subdomain ~ '^[a-z0-9]([a-z0-9-]{1,61})[a-z0-9]$')
);
-- one address per user (a column), each address once (the index): a race on a name has one winner
CREATE UNIQUE INDEX users_subdomain_key ON users (subdomain);
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));

CREATE TABLE auth_tokens (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id      UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- SHA-256 of the bearer token: a leaked table does not leak usable tokens
    token_hash   CHAR(64) NOT NULL UNIQUE,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at   TIMESTAMPTZ NOT NULL,
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX auth_tokens_user_idx ON auth_tokens (user_id);

CREATE TABLE profiles (
    id          UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id     UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    username    VARCHAR(32) NOT NULL CHECK (username ~ '^[a-z_][a-z0-9_-]{0,31}$'),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (user_id, username),
    -- lets devices reference (profile, user) so a device's user_id cannot disagree with its profile
    UNIQUE (id, user_id)
);

CREATE TABLE devices (
    id                UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id           UUID NOT NULL,
    profile_id        UUID NOT NULL,
    name              VARCHAR(64) NOT NULL,
    -- the accepted keys as authorized_keys lines, one per line (the seed's column)
    ssh_public_key    TEXT NOT NULL,
    sshid_code        VARCHAR(32),
    last_connected_at TIMESTAMPTZ,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    FOREIGN KEY (profile_id, user_id) REFERENCES profiles (id, user_id) ON DELETE CASCADE
);
CREATE INDEX devices_user_idx ON devices (user_id);
CREATE INDEX devices_profile_idx ON devices (profile_id);

-- One row per public key of a device (an ssh.id code brings several). The SSH gateway routes by
-- fingerprint, so a fingerprint may appear on several profiles of one account but never in two accounts.
CREATE TABLE device_keys (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    device_id    UUID NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    user_id      UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    profile_id   UUID NOT NULL,
    key_type     VARCHAR(64) NOT NULL,
    fingerprint  VARCHAR(64) NOT NULL,
    public_key   TEXT NOT NULL,
    comment      VARCHAR(255),
    UNIQUE (profile_id, fingerprint)
);
CREATE INDEX device_keys_fingerprint_idx ON device_keys (fingerprint);

CREATE TABLE containers (
    id            UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id       UUID NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    subdomain     VARCHAR(63) NOT NULL UNIQUE,
    container_id  VARCHAR(64),
    host_node     VARCHAR(255),
    status        VARCHAR(20) NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'provisioning', 'running', 'failed', 'suspended', 'deleting', 'deleted')),
    status_reason VARCHAR(500),
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE audit_events (
    id          BIGSERIAL PRIMARY KEY,
    user_id     UUID REFERENCES users (id) ON DELETE SET NULL,
    action      VARCHAR(64) NOT NULL,
    detail      TEXT,
    source_ip   VARCHAR(64),
    occurred_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX audit_events_user_idx ON audit_events (user_id, occurred_at);

-- ---- limits ----------------------------------------------------------------------------------
-- Each trigger first locks the owning user row, so concurrent inserts for one user run one after
-- the other and each count sees the rows committed before it (READ COMMITTED takes a fresh snapshot
-- per statement). SQLSTATE 23P01 ('exclusion_violation') with a message prefix tells Java which limit.

CREATE FUNCTION enforce_profile_limit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM users WHERE id = NEW.user_id FOR UPDATE;
    IF (SELECT count(*) FROM profiles WHERE user_id = NEW.user_id) >= 2 THEN
        RAISE EXCEPTION 'profile-limit: at most 2 profiles per user' USING ERRCODE = '23P01';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER profiles_limit BEFORE INSERT ON profiles
    FOR EACH ROW EXECUTE FUNCTION enforce_profile_limit();

CREATE FUNCTION enforce_device_limit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM users WHERE id = NEW.user_id FOR UPDATE;
    IF (SELECT count(*) FROM devices WHERE profile_id = NEW.profile_id) >= 2 THEN
        RAISE EXCEPTION 'device-limit: at most 2 devices per profile' USING ERRCODE = '23P01';
    END IF;
    IF (SELECT count(*) FROM devices WHERE user_id = NEW.user_id) >= 4 THEN
        RAISE EXCEPTION 'device-limit: at most 4 devices per user' USING ERRCODE = '23P01';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER devices_limit BEFORE INSERT ON devices
    FOR EACH ROW EXECUTE FUNCTION enforce_device_limit();

CREATE FUNCTION enforce_key_single_owner() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- serialise writers of one fingerprint across accounts
    PERFORM pg_advisory_xact_lock(hashtextextended(NEW.fingerprint, 0));
    IF EXISTS (SELECT 1 FROM device_keys WHERE fingerprint = NEW.fingerprint AND user_id <> NEW.user_id) THEN
        RAISE EXCEPTION 'key-in-use: this key belongs to another account' USING ERRCODE = '23P01';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER device_keys_single_owner BEFORE INSERT ON device_keys
    FOR EACH ROW EXECUTE FUNCTION enforce_key_single_owner();
