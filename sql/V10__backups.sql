-- Backups (restic): one row per run (daily or asked for by an operator), one per computer's home and one for
-- the platform's database in that run. The repository's snapshots are the truth about what exists and whose
-- it is (their tags); these rows say when each backup ran, how big it was and how it ended (backup_age_seconds,
-- GET /internal/backups/runs/{id}).
CREATE TABLE backup_runs (
    id          UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    requested_by VARCHAR(16) NOT NULL CHECK (requested_by IN ('schedule', 'operator')),
    started_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at TIMESTAMPTZ,
    outcome     VARCHAR(16) NOT NULL DEFAULT 'running' CHECK (outcome IN ('running', 'succeeded', 'failed', 'partial'))
);

-- at most one run at a time
CREATE UNIQUE INDEX backup_runs_one_running ON backup_runs ((true)) WHERE outcome = 'running';

CREATE TABLE backup_items (
    id           BIGSERIAL PRIMARY KEY,
    run_id       UUID NOT NULL REFERENCES backup_runs (id) ON DELETE CASCADE,
    kind         VARCHAR(16) NOT NULL CHECK (kind IN ('home', 'database')),
    -- no foreign keys: the record of a backup outlives the computer and the account it was of
    container_id UUID,
    user_id      UUID,
    subdomain    VARCHAR(63),
    snapshot_id  VARCHAR(64),
    started_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at  TIMESTAMPTZ,
    bytes        BIGINT,
    bytes_added  BIGINT,
    outcome      VARCHAR(16) NOT NULL DEFAULT 'running' CHECK (outcome IN ('running', 'succeeded', 'failed')),
    error        VARCHAR(1000),
    CHECK (kind = 'database' OR (container_id IS NOT NULL AND subdomain IS NOT NULL))
);

CREATE INDEX backup_items_of_run ON backup_items (run_id);
CREATE INDEX backup_items_latest_success ON backup_items (container_id, finished_at DESC) WHERE outcome = 'succeeded';
CREATE INDEX backup_items_by_snapshot ON backup_items (snapshot_id);
