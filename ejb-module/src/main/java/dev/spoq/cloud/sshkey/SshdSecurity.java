package dev.spoq.cloud.sshkey;

/**
 * sshd-common finds Bouncy Castle on the class path and would add it to the JVM's security providers.
 * Inside the application server that provider would outlive a redeploy (a class loader leak, and a
 * stale "BC" the next deployment's sshd-common would pick up), so sshd-common is told to use its own
 * Bouncy Castle instance without registering it. Must run before sshd-common's first use.
 */
public final class SshdSecurity {

    private static final String USE_NAMED_BC = "org.apache.sshd.security.provider.BC.useNamed";

    static {
        if (System.getProperty(USE_NAMED_BC) == null) {
            System.setProperty(USE_NAMED_BC, "false");
        }
    }

    private SshdSecurity() {
    }

    /** Call from the static initializer of every class that uses sshd-common's security code. */
    public static void ensureConfigured() {
        // the static initializer above does the work, once
    }
}
