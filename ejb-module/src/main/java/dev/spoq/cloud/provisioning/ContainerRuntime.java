package dev.spoq.cloud.provisioning;

import java.util.List;
import java.util.Optional;

/**
 * The port to whatever runs users' containers (Docker Swarm today), in the domain's words: a container
 * with a home, found by its subdomain. Every operation is idempotent: calling it twice leaves the same
 * state as calling it once. Failures to reach the runtime are {@link RuntimeUnavailable}.
 */
public interface ContainerRuntime {

    /** Creates the container and its home if missing, updates it to the spec, and runs it. */
    void ensureRunning(ContainerSpec spec);

    /** Stops the container but keeps its definition and its home. */
    void suspend(String subdomain);

    /** Removes the container; its home too when asked (after a delete request). */
    void remove(String subdomain, boolean removeHome);

    Optional<ObservedContainer> observe(String subdomain);

    /** Every container the runtime has that carries our labels (for the reconciler). */
    List<ObservedContainer> observeAll();

    /** Makes the Linux logins and their platform-managed keys inside a running container match the list. */
    void applyLogins(String subdomain, List<LinuxLogin> logins);

    Optional<ResourceUsage> usage(String subdomain);

    /** The public host keys of the running container's sshd (OpenSSH lines). */
    List<String> hostKeys(String subdomain);
}
