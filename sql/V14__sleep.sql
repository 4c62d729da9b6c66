-- Computers that sleep: a running computer with no SSH session and little CPU use is stopped (its
-- files kept) and wakes on the next SSH login. 'sleeping' is its own status, apart from 'suspended'
-- (billing or an operator), which no login undoes.
ALTER TABLE containers DROP CONSTRAINT containers_status_check;
ALTER TABLE containers ADD CONSTRAINT containers_status_check
    CHECK (status IN ('pending', 'provisioning', 'running', 'sleeping', 'failed', 'suspended', 'deleting', 'deleted'));

-- The last time the computer was seen in use: an SSH login, an open session (the gateways' re-check every
-- 2 s), or CPU above spoq.idle.cpu-threshold. NULL until then; the status change counts as well.
ALTER TABLE containers ADD COLUMN last_active_at TIMESTAMPTZ;
-- An operator's choice for one computer: sleep after this many idle seconds instead of
-- spoq.idle.suspend-after-minutes; 0 keeps it awake. NULL: the setting.
ALTER TABLE containers ADD COLUMN sleep_after_seconds INTEGER CHECK (sleep_after_seconds >= 0);
