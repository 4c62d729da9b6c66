package dev.spoq.cloud.backup;

/** The backup tool or its repository failed; the message says what (never the key). */
@jakarta.ejb.ApplicationException(rollback = true)
public class BackupFailed extends RuntimeException {

    public BackupFailed(String message) {
        super(message);
    }

    public BackupFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
