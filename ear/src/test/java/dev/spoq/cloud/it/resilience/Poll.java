package dev.spoq.cloud.it.resilience;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Polls a probe until its value satisfies a condition; a probe that throws (or fails an assertion) counts as "not yet". */
final class Poll {

    /** What the probe gave when the condition held, and after how long. */
    record Outcome<T>(T value, Duration elapsed) {
    }

    private static final ThreadLocal<String> last = ThreadLocal.withInitial(() -> "nothing");

    private Poll() {
    }

    /** Fails the test, naming what was awaited and the last value seen, when the deadline passes. */
    static <T> Outcome<T> until(String what, Duration deadline, Duration interval, Supplier<T> probe, Predicate<T> done) {
        Outcome<T> outcome = upTo(deadline, interval, probe, done);
        if (outcome == null) {
            fail(what + ": not reached within " + deadline.toSeconds() + " s; last seen: " + last.get());
        }
        return outcome;
    }

    /** As {@link #until}, but returns null instead of failing (the last value seen: {@link #lastSeen()}). */
    static <T> Outcome<T> upTo(Duration deadline, Duration interval, Supplier<T> probe, Predicate<T> done) {
        long start = System.nanoTime();
        long end = start + deadline.toNanos();
        last.set("nothing");
        while (true) {
            T value = null;
            boolean probed = false;
            try {
                value = probe.get();
                probed = true;
                last.set(String.valueOf(value));
            } catch (RuntimeException | AssertionError e) {
                last.set(e.toString());
            }
            // the condition may fail the test itself (an assertion): that is not caught
            if (probed && done.test(value)) {
                return new Outcome<>(value, Duration.ofNanos(System.nanoTime() - start));
            }
            if (System.nanoTime() > end) {
                return null;
            }
            Shell.sleep(interval);
        }
    }

    static String lastSeen() {
        return last.get();
    }
}
