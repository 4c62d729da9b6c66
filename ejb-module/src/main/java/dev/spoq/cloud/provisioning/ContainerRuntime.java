package dev.spoq.cloud.provisioning;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The port to whatever runs users' containers (Docker Swarm today), in the domain's words: a container
 * with a home, found by its subdomain. Every operation is idempotent: calling it twice leaves the same
 * state as calling it once. Failures to reach the runtime are {@link RuntimeUnavailable}.
 */
public interface ContainerRuntime {

    /** Creates the container and its home if missing, updates it to the spec, and runs it. */
    void ensureRunning(ContainerSpec spec);

    /**
     * {@link #ensureRunning(ContainerSpec)}, giving a container that is created now the logins it starts with (read
     * as late as possible, so that a key added a moment after the claim is in them): its sshd then admits the first
     * login as soon as it answers, without waiting for {@link #applyLogins}. {@code reached} hears the names of the
     * stages as they end (for {@link ProvisioningTimings}).
     */
    default void ensureRunning(ContainerSpec spec, Supplier<LoginsState> initialLogins, Consumer<String> reached) {
        ensureRunning(spec);
        reached.accept("service");
    }

    /** Stops the container but keeps its definition and its home. */
    void suspend(String subdomain);

    /** Removes the container; its home too when asked (after a delete request). */
    void remove(String subdomain, boolean removeHome);

    Optional<ObservedContainer> observe(String subdomain);

    /** Every container the runtime has that carries our labels (for the reconciler). */
    List<ObservedContainer> observeAll();

    /**
     * Makes the Linux logins and their platform-managed keys inside a running container match the state: logins
     * not in it are locked at once (their processes ended, their home kept), the homes it lists are removed.
     */
    void applyLogins(String subdomain, LoginsState state);

    /** {@link #applyLogins}, then {@link #hostKeys} (a runtime may do both in one round trip, and wait for the keys). */
    default List<String> applyLoginsAndReadHostKeys(String subdomain, LoginsState logins) {
        applyLogins(subdomain, logins);
        return hostKeys(subdomain);
    }

    Optional<ResourceUsage> usage(String subdomain);

    /**
     * The CPU time each running container has used since it started, by subdomain: one cheap reading of
     * every computer (the idle watch compares two readings to see which are busy).
     */
    Map<String, Duration> cpuTimes();

    /** The public host keys of the running container's sshd (OpenSSH lines). */
    List<String> hostKeys(String subdomain);

    /**
     * A consistent, read-only copy of the computer's home, as a directory on this machine (a backup reads it),
     * until {@link #releaseHomeCopy}; empty when the computer has no disk here.
     */
    Optional<Path> copyHome(String subdomain);

    void releaseHomeCopy(String subdomain);

    /**
     * Puts new files in place of the computer's home: stops the computer, lets {@code restore} write them into
     * the empty directory on this machine it is given, swaps that in for the home, and starts the computer again
     * if it ran. When {@code restore} throws, the home stays as it was.
     */
    void replaceHome(String subdomain, Consumer<Path> restore);
}
