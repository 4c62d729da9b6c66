package dev.spoq.cloud.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;

/**
 * Every computer a test asked for (a claim that answered 201, an internal create, an address claimed through the
 * pages), so that it is removed again: a claim starts a real 1-CPU container. {@link ComputerCleanup} removes the
 * ones a test made after that test (and those of a class's set-up after the class); a test that must know they are
 * gone before it goes on (it stops the server or dockerd next) calls {@link #removeNow()}; a JVM shutdown hook
 * catches the rest.
 *
 * <p>Removal goes through the platform (DELETE /internal/containers/{id}, found by user id) so that the
 * database row ends up {@code deleted} and the reconciler does not bring the computer back at the next
 * start (the IT database survives between runs); then, as a fallback once the row is {@code deleted} (or
 * there is none), {@code docker service rm spoq-<sub>} and {@code docker volume rm spoq-home-<sub>}.
 * {@code -Dspoq.it.cleanup-timings=true} (in the test JVM) prints how long each removal took.
 */
public final class Computers {

    /** A tracked computer; {@code userId} is null for an address claimed through the pages, {@code subdomain} when unknown. */
    public record Tracked(long seq, String userId, String subdomain) {
    }

    private static final AtomicLong SEQ = new AtomicLong();
    private static final List<Tracked> TRACKED = new ArrayList<>();
    private static final String DELETED = "deleted";
    private static final String PROVISIONING = "provisioning";
    private static final boolean TIMINGS = Boolean.getBoolean("spoq.it.cleanup-timings");

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Computers::removeAllLeft, "it-computer-cleanup"));
    }

    private Computers() {
    }

    /** Records that this user now has (or may have) a computer. */
    public static void track(String userId, String subdomain) {
        synchronized (TRACKED) {
            boolean known = TRACKED.stream().anyMatch(t -> Objects.equals(t.userId(), userId)
                    && (subdomain == null || subdomain.equals(t.subdomain())));
            if (!known) {
                TRACKED.add(new Tracked(SEQ.incrementAndGet(), userId, subdomain));
            }
        }
    }

    /** Records an address claimed through the pages (which never show ids): its user is found by the service's label. */
    public static void trackSubdomain(String subdomain) {
        track(null, subdomain);
    }

    /** For a test that removed the computer itself and checked it. */
    public static void untrack(String userId) {
        synchronized (TRACKED) {
            TRACKED.removeIf(t -> userId.equals(t.userId()));
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

    /** Removes every tracked computer before returning; fails naming the services and volumes it could not remove. */
    public static void removeNow() {
        List<String> left = new ArrayList<>();
        for (Tracked tracked : takeSince(0)) {
            left.addAll(removeQuietly(tracked));
        }
        if (!left.isEmpty()) {
            throw new AssertionError("cleanup could not remove: " + left);
        }
    }

    /**
     * Removes the user's computer through the platform and then, if anything is left, by hand; returns what is
     * still there. A delete sent while the computer is being provisioned can be lost (see LifecycleIT), so this
     * waits for a "provisioning" computer to get out of that state first (a "pending" one is deleted at once: its
     * ensure then does nothing), and sends the delete again while the computer is not "deleted". A service or
     * volume is removed by hand only once the database no longer wants the computer (else the reconciler would
     * bring it back), or when nobody knows its user.
     */
    public static List<String> remove(String knownUserId, String knownSubdomain) {
        long t0 = System.nanoTime();
        String userId = knownUserId != null ? knownUserId
                : knownSubdomain == null ? null : Docker.userOf(knownSubdomain).orElse(null);
        String subdomain = knownSubdomain;
        String finalStatus = "none";
        int deletes = 0;
        OpsClient ops = new OpsClient(new ApiClient());
        ApiResponse found = userId == null ? null : ops.computerOf(userId);
        if (found != null && found.status() == 200) {
            subdomain = found.json().path("subdomain").asText(subdomain);
            String containerId = found.json().path("container_id").asText();
            long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
            while (true) {
                JsonNode state = untilOrElse(Duration.ofSeconds(60), () -> ops.computerOf(userId).expect(200),
                        s -> !PROVISIONING.equals(s.path("status").asText()), () -> ops.computerOf(userId).expect(200));
                finalStatus = state.path("status").asText();
                if (DELETED.equals(finalStatus) || System.nanoTime() > deadline) {
                    break;
                }
                ApiResponse deleted = ops.delete(containerId);
                deletes++;
                if (deleted.status() != 200) {
                    System.err.println("[it-cleanup] DELETE of the computer of " + userId + " answered " + deleted);
                }
                finalStatus = untilOrElse(Duration.ofSeconds(20), () -> ops.computerOf(userId).expect(200).path("status").asText(),
                        DELETED::equals, () -> ops.computerOf(userId).text("status"));
                if (DELETED.equals(finalStatus)) {
                    break;
                }
                System.err.println("[it-cleanup] the computer of " + subdomain + " is " + finalStatus
                        + " after DELETE #" + deletes + " (a delete lost during provisioning?); trying again");
            }
            if (!DELETED.equals(finalStatus)) {
                System.err.println("[it-cleanup] gave up on " + subdomain + ": still " + finalStatus + "; the reconciler will keep it");
                return stillThere(subdomain);
            }
        } else if (found != null && found.status() != 404) {
            System.err.println("[it-cleanup] could not look up the computer of " + userId + ": " + found);
        }
        if (subdomain == null || subdomain.isBlank()) {
            return List.of();
        }
        String service = Docker.serviceName(subdomain);
        if (Docker.serviceExists(service)) {
            System.err.println("[it-cleanup] " + service + " still exists although its computer is " + finalStatus
                    + "; removing it by hand");
            Docker.removeService(service);
        }
        String volume = Docker.volumeName(subdomain);
        if (Docker.volumeExists(volume)) {
            Docker.removeVolume(volume, Duration.ofSeconds(60));
        }
        Docker.removeDisk(subdomain);
        if (TIMINGS) {
            System.err.printf("[it-cleanup] %s removed in %.1f s (%d delete(s))%n", subdomain, (System.nanoTime() - t0) / 1e9, deletes);
        }
        return stillThere(subdomain);
    }

    /** The first value of {@code read} that is {@code done}, or (after the timeout) what {@code otherwise} reads. */
    private static <T> T untilOrElse(Duration timeout, Supplier<T> read, Predicate<T> done, Supplier<T> otherwise) {
        try {
            return await().atMost(timeout).ignoreExceptions().until(read::get, done);
        } catch (ConditionTimeoutException notInTime) {
            return otherwise.get();
        }
    }

    private static List<String> stillThere(String subdomain) {
        List<String> left = new ArrayList<>();
        if (Docker.serviceExists(Docker.serviceName(subdomain))) {
            left.add("service " + Docker.serviceName(subdomain));
        }
        if (Docker.volumeExists(Docker.volumeName(subdomain))) {
            left.add("volume " + Docker.volumeName(subdomain));
        }
        if (Docker.diskExists(subdomain)) {
            left.add("disk " + Docker.diskImage(subdomain));
        }
        return left;
    }

    /** Removes, ignoring every error (cleanup must never hide the test's own result); returns what is still there. */
    static List<String> removeQuietly(Tracked tracked) {
        try {
            return remove(tracked.userId(), tracked.subdomain());
        } catch (RuntimeException | AssertionError e) {
            System.err.println("[it-cleanup] removing the computer of " + tracked + " failed: " + e);
            if (tracked.subdomain() == null) {
                return List.of();
            }
            Docker.removeService(Docker.serviceName(tracked.subdomain()));
            Docker.removeVolume(Docker.volumeName(tracked.subdomain()), Duration.ofSeconds(60));
            Docker.removeDisk(tracked.subdomain());
            return stillThere(tracked.subdomain());
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
