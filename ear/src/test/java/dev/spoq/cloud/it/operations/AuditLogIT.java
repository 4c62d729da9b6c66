package dev.spoq.cloud.it.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.OpsClient;
import dev.spoq.cloud.it.support.TestAccount;
import dev.spoq.cloud.it.support.TestKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static dev.spoq.cloud.it.support.ProblemAssert.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit log end to end: what users and operators do is recorded with who did it (actor kind and id), on which
 * account, and the outcome; GET /internal/audit filters and pages through it (keyset cursor) and answers bad
 * parameters with problem+json naming the field; PostgreSQL itself refuses UPDATE, DELETE and TRUNCATE on
 * audit_events, and back-dating on insert.
 */
@ExtendWith(ComputerCleanup.class)
class AuditLogIT {

    private static final ApiClient api = new ApiClient();
    private static final OpsClient ops = new OpsClient(api);
    private static final AuditLogReader audit = new AuditLogReader(api);
    private static TestAccount alice;
    private static TestAccount bob;

    @BeforeAll
    static void twoAccountsDoThings() {
        alice = TestAccount.register(api);
        assertEquals(401, alice.login("not-the-password").status());
        alice.login(alice.password()).expect(200);
        alice.claimSubdomain();
        String profile = alice.createProfile();
        alice.addDevice(profile, TestKeys.ed25519());
        ops.computerOf(alice.userId()).expect(200); // an operator's call about alice
        api.get("/internal/containers/by-user/" + alice.userId(), "not-the-internal-token"); // refused
        bob = TestAccount.register(api);
        bob.login(bob.password()).expect(200);
    }

    @Test
    void theAccountsOwnActionsAreRecordedAsTheUserWithTheOutcome() {
        List<JsonNode> events = audit.ofUser(alice.userId());
        String seen = AuditLogReader.describe(events);

        JsonNode registered = only(events, "account.registered", seen);
        assertEquals("user", registered.path("actor").path("kind").asText(), seen);
        assertEquals(alice.userId(), registered.path("actor").path("id").asText(), seen);
        assertEquals("ok", registered.path("outcome").asText(), seen);
        assertFalse(registered.path("source_ip").asText("").isBlank(), "the address it came from: " + seen);
        assertTrue(Instant.parse(registered.path("occurred_at").asText()).isAfter(Instant.now().minusSeconds(600)), seen);

        JsonNode failed = only(events, "login.failed", seen);
        assertEquals("refused", failed.path("outcome").asText(), seen);
        assertEquals("user", failed.path("actor").path("kind").asText(), seen);
        assertEquals("ok", only(events, "login.succeeded", seen).path("outcome").asText(), seen);
        assertEquals("user", only(events, "profile.created", seen).path("actor").path("kind").asText(), seen);
        assertEquals("user", only(events, "device.added", seen).path("actor").path("kind").asText(), seen);
        JsonNode claimed = only(events, "subdomain.claimed", seen);
        assertEquals(alice.subdomain(), claimed.path("detail").asText(), seen);
        // what the platform does on its own (the provisioning consumer) is the system's
        assertTrue(events.stream().filter(e -> e.path("action").asText().startsWith("provisioning."))
                .allMatch(e -> e.path("actor").path("kind").asText().equals("system")), seen);
    }

    @Test
    void operatorCallsAreRecordedAsTheTokenRefusedOnesToo() {
        List<JsonNode> events = audit.ofUser(alice.userId());
        String seen = AuditLogReader.describe(events);
        List<JsonNode> calls = events.stream().filter(e -> e.path("action").asText().equals("internal.containers.by-user")).toList();

        JsonNode byToken = calls.stream().filter(e -> e.path("actor").path("id").asText().startsWith("token:")).findFirst()
                .orElseThrow(() -> new AssertionError("the operator's by-user call, by the token's fingerprint:" + seen));
        assertEquals("operator", byToken.path("actor").path("kind").asText(), seen);
        assertEquals("ok", byToken.path("outcome").asText(), seen);
        assertTrue(byToken.path("detail").asText().contains("GET /internal/containers/by-user/" + alice.userId()), seen);
        assertFalse(byToken.toString().contains(OpsClient.internalToken()), "the token itself is never written: " + seen);

        JsonNode wrongToken = calls.stream().filter(e -> e.path("actor").path("id").asText().equals("wrong-token")).findFirst()
                .orElseThrow(() -> new AssertionError("the call with a wrong token:" + seen));
        assertEquals("refused", wrongToken.path("outcome").asText(), seen);
        assertTrue(wrongToken.path("detail").asText().endsWith("403"), seen);
    }

    @Test
    void filteringByUserShowsOnlyThatAccount() {
        assertTrue(audit.ofUser(bob.userId()).stream().allMatch(e -> e.path("user_id").asText().equals(bob.userId())));
        assertTrue(audit.ofUser(alice.userId()).stream().allMatch(e -> e.path("user_id").asText().equals(alice.userId())));
        assertTrue(AuditLogReader.actions(audit.ofUser(bob.userId())).contains("login.succeeded"));
        assertFalse(AuditLogReader.actions(audit.ofUser(bob.userId())).contains("device.added"), "alice's device is not bob's");
    }

    @Test
    void filteringByActionTakesAWholeNameOrAPrefixUpToADot() {
        List<String> logins = AuditLogReader.actions(AuditLogReader.events(audit.page("user_id=" + alice.userId() + "&action=login")));
        assertEquals(Set.of("login.failed", "login.succeeded"), new HashSet<>(logins), logins.toString());
        List<String> failed = AuditLogReader.actions(AuditLogReader.events(audit.page("user_id=" + alice.userId() + "&action=login.failed")));
        assertEquals(List.of("login.failed"), failed);
        assertTrue(AuditLogReader.events(audit.page("user_id=" + alice.userId() + "&action=log")).isEmpty(),
                "a prefix ends at a dot");
        assertTrue(AuditLogReader.events(audit.page("user_id=" + alice.userId() + "&since=" + Instant.now().plusSeconds(3600))).isEmpty());
        assertFalse(AuditLogReader.events(audit.page("user_id=" + alice.userId() + "&since=" + Instant.now().minusSeconds(3600))).isEmpty());
    }

    @Test
    void pagesWalkTheWholeLogNewestFirstWithoutGapsOrRepeats() {

        List<Long> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = audit.page("user_id=" + alice.userId() + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            List<JsonNode> events = AuditLogReader.events(page);
            assertTrue(events.size() <= 2, page.toString());
            walked.addAll(ids(events));
            cursor = page.path("next_cursor").isTextual() ? page.path("next_cursor").asText() : null;
            pages++;
        } while (cursor != null && pages < 100);

        assertTrue(walked.size() >= 6, "enough events to page through: " + walked);
        // her computer's provisioning may add newer rows meanwhile: they are above the first page, never within
        long newestWalked = walked.get(0);
        List<Long> all = ids(audit.ofUser(alice.userId())).stream().filter(id -> id <= newestWalked).toList();
        assertEquals(all, walked, "the pages together are the whole list, in order");
        assertEquals((all.size() + 1) / 2, pages);
        for (int i = 1; i < walked.size(); i++) {
            assertTrue(walked.get(i) < walked.get(i - 1), "newest first: " + walked);
        }
    }

    @Test
    void badParametersAreProblemsNamingTheField() {
        Map<String, String> cases = Map.of(
                "user_id=not-a-uuid", "user_id",
                "limit=0", "limit",
                "limit=501", "limit",
                "limit=ten", "limit",
                "since=yesterday", "since",
                "action=DROP%20TABLE", "action",
                "cursor=bm90LWEtY3Vyc29y", "cursor",
                "cursor=%25%25%25", "cursor");
        cases.forEach((query, field) -> assertProblem(audit.get(query), 400).hasField(field).hasDetail());
    }

    @Test
    void onlyTheInternalTokenMayReadIt() {
        assertProblem(api.get("/internal/audit", null), 401);
        assertProblem(api.get("/internal/audit", alice.token()), 403);
        assertProblem(api.get("/internal/audit?user_id=" + alice.userId(), alice.token()), 403);
    }

    @Test
    void postgresqlRefusesToChangeOrRemoveAuditRows() throws SQLException {
        try (Connection db = database()) {
            for (String change : List.of(
                    "UPDATE audit_events SET detail = 'rewritten' WHERE user_id = CAST(? AS uuid)",
                    "DELETE FROM audit_events WHERE user_id = CAST(? AS uuid)")) {
                try (PreparedStatement statement = db.prepareStatement(change)) {
                    statement.setString(1, alice.userId());
                    SQLException refused = assertThrows(SQLException.class, statement::executeUpdate, change);
                    assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
                }
            }
            try (Statement statement = db.createStatement()) {
                SQLException refused = assertThrows(SQLException.class, () -> statement.execute("TRUNCATE audit_events"));
                assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
                // the retention function keeps everything younger than its argument (and refuses less than a day)
                try (ResultSet purged = statement.executeQuery("SELECT audit_purge(1)")) {
                    purged.next();
                }
                assertThrows(SQLException.class, () -> statement.executeQuery("SELECT audit_purge(0)"));
            }
            try (PreparedStatement backdated = db.prepareStatement("INSERT INTO audit_events (user_id, action, occurred_at) "
                    + "VALUES (CAST(? AS uuid), 'test.backdated', TIMESTAMPTZ '2001-01-01 00:00:00Z') RETURNING occurred_at")) {
                backdated.setString(1, bob.userId());
                try (ResultSet row = backdated.executeQuery()) {
                    row.next();
                    assertTrue(row.getTimestamp(1).toInstant().isAfter(Instant.now().minusSeconds(600)),
                            "the database's clock, not the insert's: " + row.getTimestamp(1));
                }
            }
        }
        assertEquals(ids(audit.ofUser(alice.userId())).size(), audit.ofUser(alice.userId()).size());
        assertTrue(audit.ofUser(alice.userId()).stream().noneMatch(e -> e.path("detail").asText().equals("rewritten")));
        assertTrue(AuditLogReader.actions(audit.ofUser(alice.userId())).contains("account.registered"), "still all there");
    }

    private static Connection database() throws SQLException {
        String url = "jdbc:postgresql://127.0.0.1:" + System.getProperty("spoq.it.db.port", "15433") + "/postgres";
        return DriverManager.getConnection(url, "postgres", "");
    }

    private static List<Long> ids(List<JsonNode> events) {
        return events.stream().map(e -> e.path("id").asLong()).toList();
    }

    private static JsonNode only(List<JsonNode> events, String action, String seen) {
        Predicate<JsonNode> named = e -> e.path("action").asText().equals(action);
        List<JsonNode> found = events.stream().filter(named).toList();
        assertEquals(1, found.size(), "one " + action + " in" + seen);
        return found.get(0);
    }
}
