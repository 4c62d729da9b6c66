-- The audit log: who (actor), did what (action, detail) to which account and computer (target), from where, when,
-- and how it ended (outcome). Append-only at the database level.
--
-- Why it is built this way:
-- * Rows name their account by id without a foreign key: an audit row must outlive the account it is about (and an
--   ON DELETE SET NULL would be an UPDATE, which the table refuses).
-- * occurred_at is the database's clock at insert, whatever the insert says: nobody back-dates an event.
-- * UPDATE, DELETE and TRUNCATE raise, for every role the application connects as. The one way rows leave is
--   audit_purge(retention_days), the retention job's function: it is SECURITY DEFINER and owned by the NOLOGIN role
--   spoq_audit_retention, and the trigger lets a DELETE through only when current_user is that role, which is true
--   only inside that function. The application's own role is not a member of spoq_audit_retention (the grant below
--   is revoked again once the function belongs to it), so ordinary code cannot SET ROLE to it, and the function
--   deletes only rows older than its argument (at least one day). This stops data changes (DML) from any application
--   code path; it does not stop DDL: the table's owner (the role migrations run as) or a superuser could still drop the
--   trigger, which is a schema change for review, not something a bug or an injected query does by accident.

ALTER TABLE audit_events DROP CONSTRAINT IF EXISTS audit_events_user_id_fkey;

ALTER TABLE audit_events
    ADD COLUMN actor_kind   VARCHAR(16) NOT NULL DEFAULT 'system'
        CONSTRAINT audit_events_actor_kind_check CHECK (actor_kind IN ('operator', 'jmx', 'system', 'user')),
    ADD COLUMN actor_id     VARCHAR(128),
    ADD COLUMN container_id UUID,
    ADD COLUMN outcome      VARCHAR(16) NOT NULL DEFAULT 'ok'
        CONSTRAINT audit_events_outcome_check CHECK (outcome IN ('ok', 'refused', 'failed'));
ALTER TABLE audit_events ALTER COLUMN action TYPE VARCHAR(96);

-- rows from before this migration: the user's own doing when they name one, the platform's otherwise
UPDATE audit_events SET actor_kind = 'user', actor_id = user_id::text WHERE user_id IS NOT NULL;
UPDATE audit_events SET outcome = 'refused' WHERE action IN ('login.failed', 'device.pairing-failed');

-- GET /internal/audit pages newest first by id, optionally by account, action and time
CREATE INDEX audit_events_user_id_idx ON audit_events (user_id, id DESC);
CREATE INDEX audit_events_action_id_idx ON audit_events (action, id DESC);
CREATE INDEX audit_events_occurred_idx ON audit_events (occurred_at);

CREATE FUNCTION audit_events_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.occurred_at := clock_timestamp();
    RETURN NEW;
END $$;

CREATE TRIGGER audit_events_stamp BEFORE INSERT ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_stamp();

CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_user = 'spoq_audit_retention' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Old rows are removed only by audit_purge(retention_days).';
END $$;

CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'spoq_audit_retention') THEN
        CREATE ROLE spoq_audit_retention NOLOGIN;
    END IF;
END $$;

-- search_path as this migration runs: the schema the application's tables live in
CREATE FUNCTION audit_purge(retention_days integer) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    purged bigint;
BEGIN
    IF retention_days IS NULL OR retention_days < 1 THEN
        RAISE EXCEPTION 'audit retention must be at least one day, got %', retention_days;
    END IF;
    DELETE FROM audit_events WHERE occurred_at < now() - make_interval(days => retention_days);
    GET DIAGNOSTICS purged = ROW_COUNT;
    RETURN purged;
END $$;

GRANT SELECT, DELETE ON audit_events TO spoq_audit_retention;
-- ALTER ... OWNER needs the current role to be able to become the new owner, and the new owner to be allowed to create
-- in the schema: both are held only for this migration.
GRANT spoq_audit_retention TO CURRENT_USER;
DO $$
BEGIN
    EXECUTE format('GRANT USAGE, CREATE ON SCHEMA %I TO spoq_audit_retention', current_schema());
    ALTER FUNCTION audit_purge(integer) OWNER TO spoq_audit_retention;
    EXECUTE format('REVOKE CREATE ON SCHEMA %I FROM spoq_audit_retention', current_schema());
END $$;
REVOKE ALL ON FUNCTION audit_purge(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_purge(integer) TO CURRENT_USER;
REVOKE spoq_audit_retention FROM CURRENT_USER;
