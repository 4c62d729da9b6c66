package dev.spoq.cloud.admin;

import jakarta.ejb.ApplicationException;

/**
 * An operator's request the platform turned down (no such account, a deleted computer): an application exception, so
 * the container neither wraps it nor logs it as a failure. The MBeans pass its message on as a plain
 * IllegalArgumentException, a type every JMX client has.
 */
@ApplicationException(rollback = true)
public class Refused extends RuntimeException {

    public Refused(String message) {
        super(message, null, false, false);
    }
}
