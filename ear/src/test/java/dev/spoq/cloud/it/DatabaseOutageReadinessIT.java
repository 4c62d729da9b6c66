package dev.spoq.cloud.it;

import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ApiResponse;
import dev.spoq.cloud.it.support.Proc;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * /health/ready follows the database: freezing the embedded PostgreSQL server, postmaster and backends (kill -STOP) makes it 503 DOWN,
 * thawing it (kill -CONT, always, in finally) makes it 200 UP again.
 */
class DatabaseOutageReadinessIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(5);

    private final ApiClient api = new ApiClient();

    @Test
    void readinessIsDownWhileTheDatabaseIsUnreachableAndUpWhenItReturns() {
        ApiResponse before = readiness();
        assertEquals(200, before.status(), "ready must be UP before the outage: " + before);
        assertTrue(before.body().contains("UP"), before.toString());
        String pid = postmasterPid();

        signal("-STOP", pid);
        try {
            ApiResponse down = pollUntil(503);
            assertTrue(down.body().contains("DOWN"), "the 503 answer must say DOWN: " + down);
        } finally {
            signal("-CONT", pid);
        }

        ApiResponse up = pollUntil(200);
        assertTrue(up.body().contains("UP"), up.toString());
    }

    /** Polls /health/ready until it answers the wanted status (no answer in time counts as "not yet"); fails after the deadline. */
    private ApiResponse pollUntil(int wanted) {
        return await("/health/ready answering " + wanted).atMost(DEADLINE).pollInterval(Duration.ofMillis(500))
                .ignoreException(UncheckedIOException.class).until(this::readiness, response -> response.status() == wanted);
    }

    private ApiResponse readiness() {
        return api.send("GET", "/health/ready", Map.of(), null, POLL_TIMEOUT);
    }

    private static String postmasterPid() {
        String dir = System.getProperty("spoq.it.db.dir");
        assertTrue(dir != null && !dir.isBlank(), "system property spoq.it.db.dir is not set");
        try {
            String pid = Files.readAllLines(Path.of(dir, "postmaster.pid")).get(0).trim();
            assertTrue(pid.matches("\\d+"), "first line of postmaster.pid is not a PID: " + pid);
            return pid;
        } catch (IOException e) {
            return fail("cannot read " + dir + "/postmaster.pid", e);
        }
    }

    private static void signal(String signal, String pid) {
        Proc.Result kill = Proc.run(Duration.ofSeconds(10), "kill", signal, pid);
        assertTrue(kill.ok(), () -> "kill " + signal + " " + pid + " failed: " + kill);
        // the backends serving pooled connections are the postmaster's children: freeze or thaw them too,
        // or the pool's open connections would keep answering
        Proc.Result children = Proc.run(Duration.ofSeconds(10), "pkill", signal, "-P", pid);
        assertFalse(children.timedOut(), () -> "pkill " + signal + " -P " + pid + " did not finish: " + children);
    }
}
