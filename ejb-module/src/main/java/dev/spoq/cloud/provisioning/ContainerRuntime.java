package dev.spoq.cloud.provisioning;

import java.util.List;
import java.util.Optional;

/**
 * The port to whatever runs users' computers (Docker Swarm today). Every operation is idempotent:
 * calling it twice leaves the same state as calling it once. Failures to reach the runtime are
 * {@link RuntimeUnavailable}.
 */
public interface ContainerRuntime {

    /** Creates the service and its volume if missing, updates it to the spec, and runs one replica. */
    void ensureRunning(ContainerSpec spec);

    /** Stops the computer but keeps the service definition and the home volume. */
    void suspend(String subdomain);

    /** Removes the service; the home volume too when asked (after a delete request). */
    void remove(String subdomain, boolean removeVolume);

    Optional<ObservedContainer> observe(String subdomain);

    /** Every computer the runtime has that carries our labels (for the reconciler). */
    List<ObservedContainer> observeAll();

    /** Makes the Linux users and their platform-managed keys inside a running container match the list. */
    void applyAccounts(String subdomain, List<LinuxAccount> accounts);

    Optional<ResourceUsage> usage(String subdomain);

    /** The public host keys of the running computer's sshd (OpenSSH lines). */
    List<String> hostKeys(String subdomain);
}
