-- Rate limits shared by every control-plane replica: one row per (limit and subject, fixed window).
-- A hit is one atomic upsert (INSERT ... ON CONFLICT ... DO UPDATE ... RETURNING hits), so concurrent
-- requests on any replica each see their own count; rows past their window are purged by a timer.
CREATE TABLE rate_limit_buckets (
    bucket       TEXT        NOT NULL,
    window_start TIMESTAMPTZ NOT NULL,
    hits         INTEGER     NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (bucket, window_start)
);
CREATE INDEX rate_limit_buckets_expiry_idx ON rate_limit_buckets (expires_at);

-- Ports of computers: the sequence of V3 never gave a port back, so it ran out after ~45 000 claims.
-- A port is now taken only by a computer that is not deleted, and a claim takes the lowest free one.
ALTER TABLE containers ALTER COLUMN ssh_port DROP DEFAULT;
DROP SEQUENCE container_ssh_port_seq;
DROP INDEX containers_ssh_port_key;
CREATE UNIQUE INDEX containers_ssh_port_key ON containers (ssh_port) WHERE status <> 'deleted';

-- The lowest port in 20000..64999 that no live computer holds. Claims take it one after the other (a
-- transaction-scoped advisory lock, held until the claim commits or rolls back), so two concurrent claims
-- never pick the same port; the unique index above makes sure.
CREATE FUNCTION allocate_ssh_port() RETURNS INTEGER LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    port INTEGER;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended('containers.ssh_port', 0));
    SELECT candidate INTO port
    FROM (SELECT 20000 AS candidate
          UNION ALL
          SELECT ssh_port + 1 FROM containers WHERE status <> 'deleted') free_after
    WHERE candidate BETWEEN 20000 AND 64999
      AND NOT EXISTS (SELECT 1 FROM containers c WHERE c.ssh_port = free_after.candidate AND c.status <> 'deleted')
    ORDER BY candidate
    LIMIT 1;
    IF port IS NULL THEN
        RAISE EXCEPTION 'ssh-ports-exhausted: every port from 20000 to 64999 belongs to a computer' USING ERRCODE = '23P01';
    END IF;
    RETURN port;
END $$;
