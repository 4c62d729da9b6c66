-- The public host keys of each user's sshd, read after provisioning, so that the SSH gateway can
-- check the computer it connects to instead of trusting whatever answers on the port.
ALTER TABLE containers ADD COLUMN host_keys TEXT;
