-- The dashboard's terminal in the browser. It reaches the computer through the SSH gateway like any SSH
-- app, so the gateway's rules (limits, metrics, the re-check of open sessions, the "starting" and
-- "suspended" banners) hold for it too. Its "device" is a key pair the control plane makes for one
-- terminal and keeps in memory only: the public half is here, routable for a new login only until
-- login_by, and while its row exists the open session is the account's (the gateway's re-check asks by id).
CREATE TABLE web_terminals (
    id          UUID PRIMARY KEY,
    user_id     UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    profile_id  UUID NOT NULL,
    -- SHA256 fingerprint of the terminal's public key, as SshPublicKey writes it
    fingerprint VARCHAR(100) NOT NULL UNIQUE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    login_by    TIMESTAMPTZ NOT NULL,
    -- a removed profile ends its terminals (the gateway's re-check then finds no row)
    FOREIGN KEY (profile_id, user_id) REFERENCES profiles (id, user_id) ON DELETE CASCADE
);
CREATE INDEX web_terminals_user_idx ON web_terminals (user_id);
