package dev.spoq.cloud.it.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoq.cloud.it.gateway.GatewayProcess;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ApiResponse;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.Docker;
import dev.spoq.cloud.it.support.Json;
import dev.spoq.cloud.it.support.OpenSsh;
import dev.spoq.cloud.it.support.OpsClient;
import dev.spoq.cloud.it.support.Proc;
import dev.spoq.cloud.it.support.Subscriber;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static dev.spoq.cloud.it.support.ProblemAssert.assertProblem;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The restore drill, against the real thing: files written over SSH (through the gateway) into a running
 * computer → POST /internal/backups (restic, the IT server's repository under ear/target/it-backups with a
 * test key, ear/pom.xml) → the files are deleted and changed → POST /internal/containers/{id}/restore → the
 * computer runs again on the restored files, byte for byte. The repository holds no plaintext, `restic check
 * --read-data` passes, another computer's snapshot is refused, and the database's dump restores with psql.
 */
@ExtendWith(ComputerCleanup.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupRestoreIT {

    @RegisterExtension
    static final GatewayProcess gateway = new GatewayProcess();
    private static final ApiClient api = new ApiClient();
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration SHARED_NODE_START = Duration.ofMinutes(6);
    private static final String MARKER = "spoq-backup-plaintext-marker-" + UUID.randomUUID();
    private static final Path REPOSITORY = Path.of(property("spoq.it.backup.repository"));

    private static Subscriber alice;
    private static Subscriber bob;
    private static String aliceSums;
    private static String aliceSnapshot;
    private static String bobSnapshot;
    private static String databaseSnapshot;

    private static String property(String name) {
        String value = System.getProperty(name);
        assertTrue(value != null && !value.isBlank(), "system property " + name + " is not set (ear/pom.xml)");
        return value;
    }

    @BeforeAll
    static void twoComputersPairedThroughTheGateway() {
        // on a loaded machine the application may still be starting when the server says it runs
        await("the application ready").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                .until(() -> api.get("/health/ready", null).status() == 200);
        alice = Subscriber.claim(api, "bk");
        bob = Subscriber.claim(api, "bk");
        // IT servers of other checkouts on this node take sshd ports from the same 20000.. range: a computer whose
        // port another server's computer holds starts once that one is gone (Swarm: "host-mode port already in use")
        alice.awaitRunning(SHARED_NODE_START);
        bob.awaitRunning(SHARED_NODE_START);
        for (Subscriber s : List.of(alice, bob)) {
            Proc.Result paired = s.firstLogin(gateway.client(), "true", OpenSsh.DEFAULT_TIMEOUT);
            assertTrue(paired.ok(), paired::toString);
        }
    }

    @Test
    @Order(1)
    void filesAreWrittenOverSsh() {
        aliceSums = as(alice, "set -e; mkdir -p ~/docs; printf '%s\\n' '" + MARKER + "' > ~/docs/notes.txt; "
                + "head -c 3000000 /dev/urandom > ~/blob.bin; ln -sf docs/notes.txt ~/link; chmod 600 ~/docs/notes.txt; "
                + "sync; sha256sum ~/blob.bin ~/docs/notes.txt; stat -c '%a %U %N' ~/docs/notes.txt ~/link").assertOk().stdout();
        assertTrue(aliceSums.contains("blob.bin") && aliceSums.contains("600 " + alice.username()), aliceSums);
        as(bob, "echo bob-was-here > ~/bob.txt && sync").assertOk();
    }

    @Test
    @Order(2)
    void anOperatorRunsABackupNowAndFollowsIt() {
        ApiResponse started = api.post("/internal/backups", OpsClient.internalToken(), Map.of());
        JsonNode body = started.expect(202);
        String runId = body.path("run_id").asText();
        assertEquals("/internal/backups/runs/" + runId, started.header("Location").map(l -> l.replaceFirst("^https?://[^/]+", ""))
                .orElse(""), started::toString);
        // a second one while it runs is refused, naming the run under way
        assertProblem(api.post("/internal/backups", OpsClient.internalToken(), Map.of()), 409).hasType("backup-running");
        assertProblem(api.post("/internal/backups", alice.account().token(), Map.of()), 403);

        JsonNode run = await("backup run " + runId).atMost(RUN_TIMEOUT).pollInterval(Duration.ofSeconds(1))
                .until(() -> api.get("/internal/backups/runs/" + runId, OpsClient.internalToken()).expect(200),
                        r -> !"running".equals(r.path("outcome").asText()));
        JsonNode aliceItem = item(run, alice.subdomain());
        JsonNode bobItem = item(run, bob.subdomain());
        JsonNode database = null;
        for (JsonNode i : run.path("items")) {
            if ("database".equals(i.path("kind").asText())) {
                database = i;
            }
        }
        assertEquals("succeeded", aliceItem.path("outcome").asText(), run::toString);
        assertEquals("succeeded", bobItem.path("outcome").asText(), run::toString);
        assertTrue(database != null && "succeeded".equals(database.path("outcome").asText()), run::toString);
        aliceSnapshot = aliceItem.path("snapshot_id").asText();
        bobSnapshot = bobItem.path("snapshot_id").asText();
        databaseSnapshot = database.path("snapshot_id").asText();
        assertEquals(64, aliceSnapshot.length(), aliceItem::toString);
        assertTrue(aliceItem.path("bytes").asLong() >= 3_000_000, aliceItem::toString);
        System.out.printf("[BackupRestoreIT] backup of one computer (%s, %d bytes, %d new in the repository) took %.2f s; "
                        + "the database's took %.2f s; the whole run: %s%n", alice.subdomain(), aliceItem.path("bytes").asLong(),
                aliceItem.path("bytes_added").asLong(), aliceItem.path("seconds").asDouble(), database.path("seconds").asDouble(),
                run.path("outcome").asText());
    }

    @Test
    @Order(3)
    void theSnapshotsOfAUserAreListedAndOnlyTheirs() {
        JsonNode mine = api.get("/internal/backups?user_id=" + alice.userId(), OpsClient.internalToken()).expect(200);
        List<String> ids = new ArrayList<>();
        mine.path("snapshots").forEach(s -> ids.add(s.path("snapshot_id").asText()));
        assertTrue(ids.contains(aliceSnapshot), mine::toString);
        assertFalse(ids.contains(bobSnapshot), mine::toString);
        mine.path("snapshots").forEach(s -> assertEquals(alice.subdomain(), s.path("subdomain").asText(), s::toString));

        assertProblem(api.get("/internal/backups", OpsClient.internalToken()), 400).hasField("user_id");
        assertProblem(api.get("/internal/backups?user_id=nope", OpsClient.internalToken()), 400).hasField("user_id");
        assertProblem(api.get("/internal/backups?user_id=" + UUID.randomUUID(), OpsClient.internalToken()), 404).hasField("user_id");
        assertProblem(api.get("/internal/backups?user_id=" + alice.userId(), alice.account().token()), 403);
    }

    @Test
    @Order(4)
    void theRepositoryIsEncryptedAndWhole() throws IOException {
        byte[] marker = MARKER.getBytes(StandardCharsets.UTF_8);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(REPOSITORY)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertTrue(files.size() > 5, "a restic repository under " + REPOSITORY + ": " + files);
        for (Path file : files) {
            assertFalse(contains(Files.readAllBytes(file), marker), file + " holds the plaintext marker");
        }
        Proc.Result check = restic(Duration.ofMinutes(5), "check", "--read-data");
        assertTrue(check.ok() && check.stdout().contains("no errors were found"), check::toString);
    }

    @Test
    @Order(5)
    void aBadUnknownOrForeignSnapshotIsRefusedNamingTheField() {
        String path = "/internal/containers/" + alice.containerId() + "/restore";
        String token = OpsClient.internalToken();
        assertProblem(api.post(path, token, Map.of()), 400).hasField("snapshot");
        assertProblem(api.post(path, token, Map.of("snapshot", "not-a-snapshot")), 400).hasField("snapshot");
        assertProblem(api.post(path, token, Map.of("snapshot", "deadbeefdeadbeef")), 404).hasField("snapshot");
        // the second account's snapshot cannot become the first's home, nor the other way round, nor the database
        assertProblem(api.post(path, token, Map.of("snapshot", bobSnapshot)), 409).hasField("snapshot").hasType("snapshot-of-another-computer");
        assertProblem(api.post("/internal/containers/" + bob.containerId() + "/restore", token, Map.of("snapshot", aliceSnapshot)), 409)
                .hasField("snapshot");
        assertProblem(api.post(path, token, Map.of("snapshot", databaseSnapshot)), 409).hasField("snapshot");
        assertProblem(api.post("/internal/containers/" + UUID.randomUUID() + "/restore", token, Map.of("snapshot", aliceSnapshot)), 404)
                .hasField("container_id");
        assertProblem(api.post(path, alice.account().token(), Map.of("snapshot", aliceSnapshot)), 403);
        assertEquals("bob-was-here", as(bob, "cat ~/bob.txt").assertOk().stdout().strip(), "bob's home untouched");
    }

    @Test
    @Order(6)
    void aRestorePutsTheFilesBackByteForByteAndTheComputerRunsOnThem() {
        as(alice, "set -e; rm ~/docs/notes.txt ~/link; head -c 1000 /dev/urandom > ~/blob.bin; echo later > ~/after-backup.txt; sync")
                .assertOk();
        String before = Docker.runningContainerOf(alice.service()).orElseThrow();

        long started = System.nanoTime();
        JsonNode restored = api.send("POST", "/internal/containers/" + alice.containerId() + "/restore",
                Map.of("Authorization", "Bearer " + OpsClient.internalToken(), "Content-Type", ApiClient.JSON),
                Json.write(Map.of("snapshot", aliceSnapshot.substring(0, 12))), Duration.ofMinutes(5)).expect(200);
        System.out.printf("[BackupRestoreIT] restore of %s took %.2f s (server: %.2f s)%n", alice.subdomain(),
                (System.nanoTime() - started) / 1e9, restored.path("seconds").asDouble());
        assertEquals(aliceSnapshot, restored.path("snapshot_id").asText(), restored::toString);

        // the computer restarted (a new container) on the restored files; the gateway still knows its host key
        String after = await("alice's computer running again").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> Docker.runningContainerOf(alice.service()).orElse(before), id -> !id.equals(before));
        assertNotEquals(before, after);
        String sums = await("a login after the restore").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                .ignoreExceptions().until(() -> as(alice, "sha256sum ~/blob.bin ~/docs/notes.txt; stat -c '%a %U %N' ~/docs/notes.txt ~/link"),
                        Proc.Result::ok).stdout();
        assertEquals(aliceSums, sums, "the restored files, byte for byte, with their modes, owner and links");
        assertEquals("gone", as(alice, "test -e ~/after-backup.txt && echo there || echo gone").assertOk().stdout().strip());
        assertEquals("bob-was-here", as(bob, "cat ~/bob.txt").assertOk().stdout().strip(), "bob's home untouched");
        assertTrue(auditActions(alice.userId()).contains("backup.restored"), "the restore is in the audit log");
    }

    /** The README's procedure for the database: restic dump of the latest dump, into psql, on a new database. */
    @Test
    @Order(7)
    void theDatabaseDumpRestoresWithPsql() {
        String scratch = "restore_check_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String port = property("spoq.it.db.port");
        psql("postgres", "CREATE DATABASE " + scratch).assertOk();
        try {
            Proc.Result restored = Proc.run(List.of("bash", "-o", "pipefail", "-c",
                            "restic dump " + databaseSnapshot + " /spoq-database.sql | psql -v ON_ERROR_STOP=1 -q -h 127.0.0.1 -p " + port
                                    + " -U postgres -d " + scratch),
                    Proc.Input.NONE, resticEnv(), Duration.ofMinutes(3));
            assertTrue(restored.ok(), restored::toString);
            Proc.Result count = psql(scratch, "SELECT count(*) FROM users WHERE id = '" + alice.userId() + "'");
            assertEquals("1", count.assertOk().stdout().strip(), count::toString);
        } finally {
            psql("postgres", "DROP DATABASE IF EXISTS " + scratch);
        }
    }

    private static Proc.Result psql(String database, String sql) {
        return Proc.run(List.of("psql", "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", property("spoq.it.db.port"),
                "-U", "postgres", "-d", database, "-c", sql), Duration.ofSeconds(60));
    }

    private static JsonNode item(JsonNode run, String subdomain) {
        for (JsonNode i : run.path("items")) {
            if (subdomain.equals(i.path("subdomain").asText())) {
                return i;
            }
        }
        throw new AssertionError("no item for " + subdomain + " in " + run);
    }

    private static Proc.Result as(Subscriber s, String command) {
        return gateway.client().ssh(s.identity(), s.username(), command);
    }

    private static Map<String, String> resticEnv() {
        return Map.of("RESTIC_REPOSITORY", REPOSITORY.toString(), "RESTIC_PASSWORD", property("spoq.it.backup.password"));
    }

    private static Proc.Result restic(Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of("restic"));
        command.addAll(List.of(args));
        return Proc.run(command, Proc.Input.NONE, resticEnv(), timeout);
    }

    private static List<String> auditActions(String userId) {
        String url = "jdbc:postgresql://127.0.0.1:" + property("spoq.it.db.port") + "/postgres";
        try (Connection db = DriverManager.getConnection(url, "postgres", "");
             PreparedStatement select = db.prepareStatement("SELECT action FROM audit_events WHERE user_id = CAST(? AS uuid)")) {
            select.setString(1, userId);
            List<String> actions = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    actions.add(rows.getString(1));
                }
            }
            return actions;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the IT database at " + url, e);
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
