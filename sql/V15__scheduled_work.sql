-- Work on a timer (the reconciler, the account and billing sweeps, the idle watch, the usage history, the daily
-- backup, audit retention) runs once per window across every control-plane replica: each replica's timer asks for
-- the current window of its job, and only the one whose row goes in does the work. The rows are the trail of who ran
-- what when (a day of them is kept).
CREATE TABLE scheduled_work_runs (
    job        TEXT        NOT NULL,
    slot       BIGINT      NOT NULL,  -- floor(epoch seconds / window seconds), on the database's clock
    ran_by     TEXT        NOT NULL,  -- the replica (spoq.replica.name)
    started_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (job, slot)
);
CREATE INDEX scheduled_work_runs_started ON scheduled_work_runs (started_at);
