-- Usage history: one point per computer every spoq.usage.history-interval-seconds (5 minutes by default), kept
-- spoq.usage.retention-days (8), for the dashboard's 24-hour and 7-day charts. Written by monitoring.UsageSampler
-- from the samples it takes anyway for the metrics; never on a page view.
CREATE TABLE usage_history (
    container_id        UUID NOT NULL REFERENCES containers (id) ON DELETE CASCADE,
    sampled_at          TIMESTAMPTZ NOT NULL,
    -- percent of the computer's CPU limit (100 = all its CPUs busy)
    cpu_percent         REAL NOT NULL CHECK (cpu_percent >= 0),
    memory_bytes        BIGINT NOT NULL CHECK (memory_bytes >= 0),
    memory_limit_bytes  BIGINT NOT NULL CHECK (memory_limit_bytes >= 0),
    -- -1: the disk's figures could not be read at that moment
    storage_bytes       BIGINT NOT NULL CHECK (storage_bytes >= -1),
    storage_limit_bytes BIGINT NOT NULL CHECK (storage_limit_bytes >= -1),
    PRIMARY KEY (container_id, sampled_at)
);
-- the retention sweep deletes by age across all computers
CREATE INDEX usage_history_sampled_at_idx ON usage_history (sampled_at);
