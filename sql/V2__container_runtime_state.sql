-- Provisioning state: where a user's sshd is published, and how often provisioning has failed in a row
-- (for backoff). Ports come from a sequence so two containers never share one; the unique index makes sure.
CREATE SEQUENCE container_ssh_port_seq START 20000 MAXVALUE 64999;

ALTER TABLE containers
    ADD COLUMN ssh_port        INTEGER,
    ADD COLUMN failed_attempts INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN provisioned_at  TIMESTAMPTZ;
UPDATE containers SET ssh_port = nextval('container_ssh_port_seq') WHERE ssh_port IS NULL;
ALTER TABLE containers ALTER COLUMN ssh_port SET NOT NULL;
ALTER TABLE containers ALTER COLUMN ssh_port SET DEFAULT nextval('container_ssh_port_seq');
CREATE UNIQUE INDEX containers_ssh_port_key ON containers (ssh_port);
