package dev.spoq.cloud.it.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every computer a test asked for (a claim that answered 201, an internal create), so that it is removed
 * again: a claim starts a real 1-CPU container. {@link ComputerCleanup} removes the ones a test made after
 * that test (and those of a class's set-up after the class); a JVM shutdown hook catches the rest.
 *
 * <p>Removal goes through the platform (DELETE /internal/containers/{id}, found by user id) so that the
 * database row ends up {@code deleted} and the reconciler does not bring the computer back at the next
 * start (the IT database survives between runs); then, as a fallback once the row is {@code deleted} (or
 * there is none), {@code docker service rm spoq-<sub>} and {@code docker volume rm spoq-home-<sub>}.
 * {@code -Dspoq.it.cleanup-timings=true} (in the test JVM) prints how long each removal took.
 */
public final class Computers {

    /** A tracked computer; {@code subdomain} may be null when the test did not know it. */
    public record Tracked(long seq, String userId, String subdomain) {
    }

    private static final AtomicLong SEQ = new AtomicLong();
    private static final List<Tracked> TRACKED = new ArrayList<>();
    private static final Set<String> NOT_LIVE = Set.of("deleted");
    private static final String PROVISIONING = "provisioning";

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Computers::removeAllLeft, "it-computer-cleanup"));
    }

    private Computers() {
    }

    /** Records that this user now has (or may have) a computer. */
    public static void track(String userId, String subdomain) {
        synchronized (TRACKED) {
            boolean known = TRACKED.stream().anyMatch(t -> t.userId().equals(userId)
                    && (subdomain == null || subdomain.equals(t.subdomain())));
            if (!known) {
                TRACKED.add(new Tracked(SEQ.incrementAndGet(), userId, subdomain));
            }
        }
    }

    /** For a test that removed the computer itself and checked it. */
    public static void untrack(String userId) {
        synchronized (TRACKED) {
            TRACKED.removeIf(t -> t.userId().equals(userId));
        }
    }

    static long mark() {
        return SEQ.get();
    }

    /** Takes (and forgets) every computer tracked after {@code mark}. */
    static List<Tracked> takeSince(long mark) {
        synchronized (TRACKED) {
            List<Tracked> taken = TRACKED.stream().filter(t -> t.seq() > mark).toList();
            TRACKED.removeAll(taken);
            return taken;
        }
    }

    /** What {@link #remove} found and did. */
    public record Removal(String userId, String subdomain, String finalStatus, boolean serviceLeftByPlatform,
                          boolean volumeLeftByPlatform) {
        public boolean clean() {
            return !serviceLeftByPlatform && !volumeLeftByPlatform;
        }
    }

    /**
     * Removes the user's computer through the platform and then, if anything is left, by hand. A delete sent
     * while the computer is being provisioned can be lost (see LifecycleIT), so this waits for a "provisioning"
     * computer to get out of that state first (a "pending" one is deleted at once: its ensure then does
     * nothing), and sends the delete again while the computer is not "deleted". A service or volume is removed
     * by hand only once the database no longer wants the computer (else the reconciler would bring it back).
     */
    public static Removal remove(String userId, String knownSubdomain) {
        OpsClient ops = new OpsClient(new ApiClient());
        long t0 = System.nanoTime();
        String subdomain = knownSubdomain;
        String finalStatus = "none";
        int deletes = 0;
        ApiResponse found = ops.computerOf(userId);
        if (found.status() == 200) {
            subdomain = found.json().path("subdomain").asText(subdomain);
            String containerId = found.json().path("container_id").asText();
            long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
            while (true) {
                JsonNode state = Poll.within(Duration.ofSeconds(60), () -> ops.computerOf(userId).expect(200),
                        s -> !PROVISIONING.equals(s.path("status").asText())).orElseGet(() -> ops.computerOf(userId).expect(200));
                finalStatus = state.path("status").asText();
                if (NOT_LIVE.contains(finalStatus) || System.nanoTime() > deadline) {
                    break;
                }
                ApiResponse deleted = ops.delete(containerId);
                deletes++;
                if (deleted.status() != 200) {
                    System.err.println("[it-cleanup] DELETE of the computer of " + userId + " answered " + deleted);
                }
                finalStatus = Poll.within(Duration.ofSeconds(20), () -> ops.computerOf(userId).expect(200).path("status").asText(),
                        NOT_LIVE::contains).orElseGet(() -> ops.computerOf(userId).text("status"));
                if (NOT_LIVE.contains(finalStatus)) {
                    break;
                }
                System.err.println("[it-cleanup] the computer of " + subdomain + " is " + finalStatus
                        + " after DELETE #" + deletes + " (a delete lost during provisioning?); trying again");
            }
            if (!NOT_LIVE.contains(finalStatus)) {
                System.err.println("[it-cleanup] gave up on " + subdomain + ": still " + finalStatus + "; the reconciler will keep it");
                return new Removal(userId, subdomain, finalStatus, Docker.serviceExists(Docker.serviceName(subdomain)),
                        Docker.volumeExists(Docker.volumeName(subdomain)));
            }
        } else if (found.status() != 404) {
            System.err.println("[it-cleanup] could not look up the computer of " + userId + ": " + found);
        }
        if (subdomain == null || subdomain.isBlank()) {
            return new Removal(userId, null, finalStatus, false, false);
        }
        String service = Docker.serviceName(subdomain);
        boolean serviceLeft = Docker.serviceExists(service);
        if (serviceLeft) {
            System.err.println("[it-cleanup] " + service + " still exists although its computer is " + finalStatus
                    + "; removing it by hand");
            Docker.removeService(service);
        }
        String volume = Docker.volumeName(subdomain);
        boolean volumeLeft = Docker.volumeExists(volume);
        if (volumeLeft) {
            Docker.removeVolume(volume, 20);
        }
        if (TIMINGS) {
            System.err.printf("[it-cleanup] %s removed in %.1f s (%d delete(s))%n", subdomain, (System.nanoTime() - t0) / 1e9, deletes);
        }
        return new Removal(userId, subdomain, finalStatus, serviceLeft, volumeLeft);
    }

    private static final boolean TIMINGS = Boolean.getBoolean("spoq.it.cleanup-timings");

    /** Removes, ignoring every error (cleanup must never hide the test's own result). */
    static void removeQuietly(Tracked tracked) {
        try {
            remove(tracked.userId(), tracked.subdomain());
        } catch (RuntimeException | AssertionError e) {
            System.err.println("[it-cleanup] removing the computer of " + tracked + " failed: " + e);
            if (tracked.subdomain() != null) {
                Docker.removeService(Docker.serviceName(tracked.subdomain()));
                Docker.removeVolume(Docker.volumeName(tracked.subdomain()), 15);
            }
        }
    }

    private static void removeAllLeft() {
        List<Tracked> left = takeSince(0);
        if (!left.isEmpty()) {
            System.err.println("[it-cleanup] removing " + left.size() + " computer(s) no test class cleaned up");
            left.parallelStream().forEach(Computers::removeQuietly);
        }
    }

    /** The subdomain of a claim answer, if it was a success. */
    static Optional<String> claimedSubdomain(ApiResponse response) {
        if (response.status() != 201 && response.status() != 200) {
            return Optional.empty();
        }
        JsonNode body = Json.parseOrNull(response.body());
        return body == null ? Optional.empty() : Optional.ofNullable(body.path("subdomain").asText(null));
    }
}
