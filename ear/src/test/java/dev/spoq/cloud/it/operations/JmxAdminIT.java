package dev.spoq.cloud.it.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.Docker;
import dev.spoq.cloud.it.support.OpsClient;
import dev.spoq.cloud.it.support.TestAccount;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.management.openmbean.CompositeData;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An operator's JMX session, end to end: a real JMX client (javax.management.remote over Liberty's REST connector,
 * HTTPS, the configured admin user) looks an account up, suspends its computer (the Swarm service goes to 0 and the
 * status to suspended), resumes it (running again), reads the provisioning queue and runs the reconciler; the audit
 * log then shows each of these as the JMX user. A wrong password gets no connection.
 */
@ExtendWith(ComputerCleanup.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JmxAdminIT {

    private static final ApiClient api = new ApiClient();
    private static final OpsClient ops = new OpsClient(api);
    private static final AuditLogReader audit = new AuditLogReader(api);
    private static final String JMX_USER = System.getProperty("spoq.it.jmx.user");
    private static TestAccount account;
    private static JmxConsole jmx;

    @BeforeAll
    static void anAccountWithARunningComputerAndAnOperatorsConsole() throws IOException {
        account = TestAccount.register(api).claimSubdomain();
        // its Swarm service, asked for with one replica; whether it runs yet does not matter to what is tested here
        // (the two IT slots share one Swarm, where a computer of the other slot may hold the same published port)
        await("the computer's Swarm service").atMost(Duration.ofSeconds(90)).ignoreExceptions()
                .until(() -> Docker.desiredReplicas(Docker.serviceName(account.subdomain())) == 1);
        jmx = JmxConsole.connect();
    }

    @AfterAll
    static void closeTheConsole() throws IOException {
        if (jmx != null) {
            jmx.close();
        }
    }

    @Test
    @Order(1)
    void looksAnAccountUpByEmailOrSubdomain() throws Exception {
        CompositeData byEmail = (CompositeData) jmx.invoke("Accounts", "lookup", account.email().toUpperCase());

        assertEquals(account.userId(), byEmail.get("user_id"));
        assertEquals(account.email(), byEmail.get("email"));
        assertEquals(account.subdomain(), byEmail.get("subdomain"));
        assertEquals(ops.computerOf(account.userId()).expect(200).path("status").asText(), byEmail.get("computer_status"));
        assertEquals(ops.computerOf(account.userId()).expect(200).path("container_id").asText(), byEmail.get("computer_id"));

        String described = (String) jmx.invoke("Accounts", "describe", account.subdomain());
        assertTrue(described.contains(account.email()) && described.contains(account.subdomain()), described);

        Exception unknown = assertThrows(Exception.class, () -> jmx.invoke("Accounts", "lookup", "nobody-" + account.email()));
        assertTrue(messages(unknown).contains("No account"), messages(unknown));
    }

    @Test
    @Order(2)
    void suspendsTheComputerThroughTheSameServiceAsTheInternalApi() throws Exception {
        assertEquals("suspended", jmx.invoke("Computers", "suspend", account.subdomain()));

        assertEquals("suspended", ops.computerOf(account.userId()).expect(200).path("status").asText());
        await("the Swarm service scaled to 0").atMost(Duration.ofSeconds(30))
                .until(() -> Docker.desiredReplicas(Docker.serviceName(account.subdomain())) == 0);
        await("no running container").atMost(Duration.ofSeconds(30))
                .until(() -> Docker.runningContainerOf(Docker.serviceName(account.subdomain())).isEmpty());
        assertTrue(Docker.volumeExists(Docker.volumeName(account.subdomain())), "suspend keeps the home");

        Exception reprovision = assertThrows(Exception.class, () -> jmx.invoke("Computers", "reprovision", account.subdomain()));
        assertTrue(messages(reprovision).contains("suspended"), messages(reprovision));
    }

    @Test
    @Order(3)
    void resumesIt() throws Exception {
        String status = (String) jmx.invoke("Computers", "resume", account.email());
        assertTrue(List.of("pending", "provisioning", "running").contains(status), status);

        await("the Swarm service scaled back to 1").atMost(Duration.ofSeconds(60))
                .until(() -> Docker.desiredReplicas(Docker.serviceName(account.subdomain())) == 1);
        assertTrue(List.of("pending", "provisioning", "running", "failed")
                .contains(ops.computerOf(account.userId()).expect(200).path("status").asText()), "no longer suspended");
    }

    @Test
    @Order(4)
    void showsTheQueueAndTheParkedCommandsAndRunsTheReconciler() throws Exception {
        int depth = (Integer) jmx.attribute("Provisioning", "QueueDepth");
        int parked = (Integer) jmx.attribute("Provisioning", "ParkedCount");
        String[] parkedLines = (String[]) jmx.attribute("Provisioning", "ParkedCommands");

        assertTrue(depth >= 0, "depth " + depth);
        assertEquals(parked, parkedLines.length);
        assertTrue((Integer) jmx.invoke("Provisioning", "reconcileNow") >= 0);
        assertTrue((Integer) jmx.invoke("Provisioning", "requeueParked") >= 0);
        assertEquals(0, (Integer) jmx.attribute("Provisioning", "ParkedCount"), "re-queued, none is parked now");
    }

    @Test
    @Order(5)
    void theAuditLogShowsEachOperationAsTheJmxUser() {
        List<JsonNode> events = audit.ofUser(account.userId());
        String seen = AuditLogReader.describe(events);

        for (String action : List.of("jmx.accounts.lookup", "jmx.computers.suspend", "jmx.computers.resume",
                "container.suspend.requested", "container.resume.requested")) {
            JsonNode event = events.stream().filter(e -> e.path("action").asText().equals(action)).findFirst()
                    .orElseThrow(() -> new AssertionError(action + " missing in" + seen));
            assertEquals("jmx", event.path("actor").path("kind").asText(), action + seen);
            assertEquals(JMX_USER, event.path("actor").path("id").asText(), action + seen);
            assertEquals("ok", event.path("outcome").asText(), action + seen);
        }
        JsonNode suspend = events.stream().filter(e -> e.path("action").asText().equals("jmx.computers.suspend")).findFirst().orElseThrow();
        assertEquals(ops.computerOf(account.userId()).expect(200).path("container_id").asText(), suspend.path("container_id").asText());

        List<JsonNode> refused = AuditLogReader.events(audit.page("action=jmx.computers.reprovision&limit=20"));
        assertTrue(refused.stream().anyMatch(e -> e.path("outcome").asText().equals("refused")
                && e.path("detail").asText().contains(account.subdomain())
                && e.path("actor").path("id").asText().equals(JMX_USER)), AuditLogReader.describe(refused));
        List<JsonNode> reconciles = AuditLogReader.events(audit.page("action=jmx.provisioning.reconcile&limit=5"));
        assertFalse(reconciles.isEmpty(), "the reconciler run is recorded too");
        assertEquals("jmx", reconciles.get(0).path("actor").path("kind").asText());
    }

    @Test
    @Order(6)
    void aWrongPasswordGetsNoConnection() {
        assertThrows(Exception.class, () -> JmxConsole.connect(JMX_USER, "not-the-password").close());
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getClass().getName()).append(": ").append(t.getMessage()).append(" / ");
        }
        return all.toString();
    }
}
