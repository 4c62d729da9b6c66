package dev.spoq.cloud.it.support;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Waits for something the platform does asynchronously (provisioning, the reconciler, account sync). */
public final class Poll {

    private static final long STEP_MILLIS = 250;

    private Poll() {
    }

    /**
     * Reads {@code read} until {@code done} holds; returns that value, or fails after {@code timeout} with
     * {@code what} and the last value read (an exception while reading counts as "not yet").
     */
    public static <T> T until(Duration timeout, String what, Supplier<T> read, Predicate<T> done) {
        return within(timeout, read, done).orElseThrow(() -> new AssertionError(
                "after " + timeout.toSeconds() + " s still not " + what + "; last seen: " + last.get()));
    }

    /** Like {@link #until} but returns empty instead of failing (for checks that must NOT happen). */
    public static <T> Optional<T> within(Duration timeout, Supplier<T> read, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value;
            try {
                value = read.get();
                last.set(value);
            } catch (RuntimeException | AssertionError e) {
                value = null;
                last.set(e);
            }
            if (value != null && done.test(value)) {
                return Optional.of(value);
            }
            if (System.nanoTime() > deadline) {
                return Optional.empty();
            }
            sleep(STEP_MILLIS);
        }
    }

    /** Fails unless {@code condition} becomes true in time. */
    public static void await(Duration timeout, String what, Supplier<Boolean> condition) {
        if (within(timeout, condition, Boolean::booleanValue).isEmpty()) {
            fail("after " + timeout.toSeconds() + " s still not " + what + "; last seen: " + last.get());
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final ThreadLocal<Object> last = new ThreadLocal<>();
}
