package dev.spoq.cloud.sleep;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;

/** Whether a running computer is busy, idle, or idle long enough to sleep. Pure, so each rule is tested alone. */
public final class IdleRule {

    public enum Verdict {
        /** Its CPU is above the threshold: counts as use, like a session. */
        BUSY,
        /** Not in use, not for long enough (or not measured yet). */
        IDLE,
        /** Unused for its whole idle time, and its CPU is low now: it sleeps. */
        SLEEP
    }

    private IdleRule() {
    }

    /**
     * @param idleSince  the computer's last use (login, open session, CPU, start)
     * @param sleepAfter its idle time; zero: it never sleeps
     * @param cpuPercent percent of one CPU since the previous look; empty when there is no previous look (no sleep on
     *                   a guess: a computer whose CPU was never measured might be busy)
     */
    public static Verdict judge(Instant idleSince, Duration sleepAfter, OptionalDouble cpuPercent, double threshold, Instant now) {
        if (cpuPercent.isPresent() && cpuPercent.getAsDouble() > threshold) {
            return Verdict.BUSY;
        }
        boolean longEnough = !sleepAfter.isZero() && !idleSince.plus(sleepAfter).isAfter(now);
        return longEnough && cpuPercent.isPresent() ? Verdict.SLEEP : Verdict.IDLE;
    }
}
