package dev.spoq.cloud.it.support;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The limits the IT server runs with (ear/pom.xml, passed to both the server and the tests). */
public final class Limits {

    private Limits() {
    }

    public static int value(String name) {
        String value = System.getProperty("spoq.it." + name);
        assertTrue(value != null && value.matches("\\d+"), "system property spoq.it." + name + " is not set: " + value);
        return Integer.parseInt(value);
    }

    public static Duration apiWindow() {
        return Duration.ofSeconds(value("limits.api.window-seconds"));
    }

    public static Duration signupWindow() {
        return Duration.ofMinutes(value("limits.signup.window-minutes"));
    }

    public static Duration loginWindow() {
        return Duration.ofMinutes(value("login.failure-window-minutes"));
    }

    /**
     * Windows are fixed and aligned to the epoch (the server cuts them on the database's clock, this machine's):
     * waits until at least {@code needed} remains of the current window, so a burst is counted in one window.
     */
    public static void awaitRoomInWindow(Duration window, Duration needed) {
        long length = window.toMillis();
        long now = Instant.now().toEpochMilli();
        long left = length - Math.floorMod(now, length);
        if (left < needed.toMillis()) {
            sleep(left + 200);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
