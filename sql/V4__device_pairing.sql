-- Pairing: a key routes into an account only once its holder has shown, in an SSH login, the
-- one-time code of a device of that account. Until then copies of one key may sit in several
-- accounts (so pasting someone's public key blocks nobody); the first confirmed copy makes its
-- account the owner, and the other accounts' copies are dropped (with a notice for them).

-- when this key was proved for its account (null: awaiting its first login)
ALTER TABLE device_keys ADD COLUMN confirmed_at TIMESTAMPTZ;

ALTER TABLE devices
    -- the device's one-time pairing code (8 letters of an unambiguous alphabet, shown to its owner);
    -- null once every key of the device is confirmed
    ADD COLUMN pairing_code         VARCHAR(16),
    -- wrong codes typed with a key of this device since the last lock
    ADD COLUMN pairing_failures     INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN pairing_locked_until TIMESTAMPTZ;

-- What an account is told about copies of keys it lost to their holder's account.
CREATE TABLE device_notices (
    id         BIGSERIAL PRIMARY KEY,
    user_id    UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    message    TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX device_notices_user_idx ON device_notices (user_id, created_at);

-- Devices already here: one that has logged in through the gateway was used by its key holder, and
-- until now a key could be in one account only, so its keys are that account's (confirmed). A device
-- that never logged in may be a squatted copy: it waits for its first login and gets a code.
UPDATE device_keys k SET confirmed_at = d.last_connected_at
FROM devices d WHERE d.id = k.device_id AND d.last_connected_at IS NOT NULL;
-- the same key on another profile of the owning account is the account's too
UPDATE device_keys k SET confirmed_at = c.confirmed_at
FROM (SELECT fingerprint, user_id, min(confirmed_at) AS confirmed_at FROM device_keys
      WHERE confirmed_at IS NOT NULL GROUP BY fingerprint, user_id) c
WHERE k.confirmed_at IS NULL AND k.fingerprint = c.fingerprint AND k.user_id = c.user_id;

CREATE FUNCTION random_pairing_code() RETURNS VARCHAR LANGUAGE sql VOLATILE AS $$
    -- gen_random_uuid() draws from a strong random source; 8 of 20 letters (as RFC 8628's user codes)
    SELECT string_agg(substr('BCDFGHJKLMNPQRSTVWXZ', get_byte(uuid_send(gen_random_uuid()), 0) % 20 + 1, 1), '')
    FROM generate_series(1, 8)
$$;
UPDATE devices d SET pairing_code = random_pairing_code()
WHERE EXISTS (SELECT 1 FROM device_keys k WHERE k.device_id = d.id AND k.confirmed_at IS NULL);
DROP FUNCTION random_pairing_code();

-- ---- one owner per key -------------------------------------------------------------------------
-- Replaces V1's rule (one account per fingerprint): unconfirmed copies may be in several accounts,
-- confirmed ones in one only, and a key another account has confirmed cannot be added.
DROP TRIGGER device_keys_single_owner ON device_keys;
DROP FUNCTION enforce_key_single_owner();

CREATE FUNCTION enforce_confirmed_key_single_owner() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- serialise writers of one fingerprint across accounts (the pairing takes the same lock)
    PERFORM pg_advisory_xact_lock(hashtextextended(NEW.fingerprint, 0));
    IF EXISTS (SELECT 1 FROM device_keys WHERE fingerprint = NEW.fingerprint AND user_id <> NEW.user_id
               AND confirmed_at IS NOT NULL) THEN
        RAISE EXCEPTION 'key-in-use: this key belongs to another account' USING ERRCODE = '23P01';
    END IF;
    IF NEW.confirmed_at IS NOT NULL AND EXISTS (SELECT 1 FROM device_keys WHERE fingerprint = NEW.fingerprint
               AND user_id <> NEW.user_id) THEN
        RAISE EXCEPTION 'key-in-use: other accounts still hold copies of this key' USING ERRCODE = '23P01';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER device_keys_single_owner BEFORE INSERT OR UPDATE OF confirmed_at ON device_keys
    FOR EACH ROW EXECUTE FUNCTION enforce_confirmed_key_single_owner();
