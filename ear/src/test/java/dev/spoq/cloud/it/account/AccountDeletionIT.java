package dev.spoq.cloud.it.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spoq.cloud.it.gateway.GatewayProcess;
import dev.spoq.cloud.it.support.ItDatabase;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ApiResponse;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.Docker;
import dev.spoq.cloud.it.support.Inbox;
import dev.spoq.cloud.it.support.Json;
import dev.spoq.cloud.it.support.OpenSsh;
import dev.spoq.cloud.it.support.OpsClient;
import dev.spoq.cloud.it.support.Proc;
import dev.spoq.cloud.it.support.StripeEvents;
import dev.spoq.cloud.it.support.StripeStandIn;
import dev.spoq.cloud.it.support.Subscriber;
import dev.spoq.cloud.it.support.TestAccount;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.spoq.cloud.it.support.ProblemAssert.assertProblem;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Leaving, on a real computer with a paid subscription (the Stripe stand-in): the password is asked again (a
 * second account's session cannot delete the first, with or without its password), then the subscription is
 * canceled at Stripe, the Swarm service, the home volume, the disk and the home's backups are gone, the API and SSH logins fail, and
 * the audit log keeps the account's rows with the email replaced by its SHA-256.
 */
@ExtendWith(ComputerCleanup.class)
class AccountDeletionIT {

    private static final ApiClient api = new ApiClient();

    @RegisterExtension
    static final GatewayProcess gateway = new GatewayProcess();

    @BeforeAll
    static void servers() {
        ServerReady.await();
        Inbox.ensureStarted();
        StripeStandIn.ensureStarted();
    }

    @Test
    void deletingTheAccountRemovesTheComputerCancelsTheSubscriptionAndKeepsTheAuditWithoutTheEmail() {
        Subscriber alice = Subscriber.claim(api, "ad");
        TestAccount mallory = TestAccount.register(api);
        String subscription = pay(alice.account());
        alice.awaitRunning(GatewayProcess.COMPUTER_START);
        Proc.Result first = alice.firstLogin(gateway.client(), "echo mine > ~/file.txt", OpenSsh.DEFAULT_TIMEOUT);
        assertTrue(first.ok(), first::toString);
        String email = alice.account().email();
        String service = alice.service();
        String volume = alice.volume();
        assertTrue(Docker.serviceExists(service) && Docker.volumeExists(volume) && Docker.diskExists(alice.subdomain()));
        backUpEverything();
        assertFalse(snapshotsOf(alice.userId()).isEmpty(), "a backup of the home exists before the account leaves");

        // the password, once more; another account can delete only itself, and only with its own password
        assertProblem(api.post("/api/account/delete", alice.account().token(), Json.object("password", "not my password")), 403)
                .hasField("password");
        assertProblem(api.post("/api/account/delete", alice.account().token(), Json.object()), 400).hasField("password");
        assertProblem(api.post("/api/account/delete", mallory.token(), Json.object("password", alice.account().password())), 403)
                .hasField("password");
        assertProblem(api.post("/api/account/delete", null, Json.object("password", alice.account().password())), 401);
        alice.status(); // still here
        mallory.status().expect(200);

        api.post("/api/account/delete", alice.account().token(), Json.object("password", alice.account().password())).expect(200);

        // Stripe was asked to cancel the subscription now
        assertEquals(1, StripeStandIn.requests("DELETE", "/v1/subscriptions/" + subscription, Map.of()).size());
        assertEquals("canceled", StripeStandIn.snapshot(subscription).path("status").asText());
        // the computer, its volume and its disk are gone
        await("the service, volume and disk removed").atMost(Duration.ofSeconds(60)).until(() ->
                !Docker.serviceExists(service) && !Docker.volumeExists(volume) && !Docker.diskExists(alice.subdomain()));
        // its home's snapshots leave the backup repository too
        await("the home's snapshots forgotten").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2))
                .until(() -> snapshotsOf(alice.userId()).isEmpty());
        // no login works any more: the API's, the token's, SSH's
        assertProblem(alice.account().status(), 401);
        assertProblem(alice.account().login(alice.account().password()), 401);
        Proc.Result ssh = gateway.client().ssh(alice.identity(), alice.username(), "true");
        assertFalse(ssh.ok(), ssh::toString);
        mallory.status().expect(200);

        // the audit log keeps the account's rows; the email is nowhere in them or in the account's row, its hash is
        String hash = sha256(email.toLowerCase(Locale.ROOT));
        List<List<String>> audit = ItDatabase.rows("SELECT action, coalesce(detail, '') FROM audit_events "
                + "WHERE user_id = CAST(? AS uuid) ORDER BY id", alice.userId());
        assertTrue(audit.size() > 3, audit::toString);
        assertTrue(audit.stream().anyMatch(row -> row.get(0).equals("account.registered")), audit::toString);
        assertTrue(audit.stream().anyMatch(row -> row.get(0).equals("account.deleted") && row.get(1).contains("sha256:" + hash)),
                audit::toString);
        assertTrue(audit.stream().noneMatch(row -> row.get(1).toLowerCase(Locale.ROOT).contains(email.toLowerCase(Locale.ROOT))),
                audit::toString);
        List<List<String>> user = ItDatabase.rows("SELECT email FROM users WHERE id = CAST(? AS uuid)", alice.userId());
        assertFalse(user.get(0).get(0).contains(email), user::toString);
        assertTrue(user.get(0).get(0).contains(hash), user::toString);
        assertEquals("0", ItDatabase.rows("SELECT count(*) FROM audit_events WHERE detail ILIKE ?", "%" + email + "%").get(0).get(0));

        // the person is told, and may come back with the same address as a new account
        Mailed.await(email, "account was deleted");
        JsonNode again = api.post("/api/auth/register", null, Json.object("email", email, "password", alice.account().password())).expect(201);
        assertFalse(again.path("user_id").asText().equals(alice.userId()));
    }

    /** One backup run of every computer (POST /internal/backups), waited for; another run under way is waited for first. */
    private static void backUpEverything() {
        JsonNode run = await("a backup run starts").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                .until(() -> api.post("/internal/backups", OpsClient.internalToken(), Map.of()), r -> r.status() == 202)
                .expect(202);
        String runId = run.path("run_id").asText();
        JsonNode done = await("backup run " + runId).atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> api.get("/internal/backups/runs/" + runId, OpsClient.internalToken()).expect(200),
                        r -> !"running".equals(r.path("outcome").asText()));
        assertFalse("failed".equals(done.path("outcome").asText()), done::toString);
    }

    /** The ids of a user's home snapshots in the repository (none once the account is gone: 404 or an empty list). */
    private static List<String> snapshotsOf(String userId) {
        ApiResponse listed = api.get("/internal/backups?user_id=" + userId, OpsClient.internalToken());
        if (listed.status() == 404) {
            return List.of();
        }
        List<String> ids = new java.util.ArrayList<>();
        listed.expect(200).path("snapshots").forEach(snapshot -> ids.add(snapshot.path("snapshot_id").asText()));
        return ids;
    }

    /** Checkout paid at the stand-in, its webhooks delivered: the account is active on a monthly plan. */
    private static String pay(TestAccount account) {
        String url = api.post("/api/billing/checkout", account.token(), Json.object("plan", "monthly")).expect(200).path("url").asText();
        ObjectNode session = StripeStandIn.sessionOfUrl(url);
        ObjectNode subscription = StripeStandIn.completeCheckout(session);
        String id = subscription.path("id").asText();
        StripeEvents events = new StripeEvents(api);
        events.deliver(StripeEvents.checkoutCompleted(session)).expect(200);
        events.deliver(StripeEvents.event("customer.subscription.created", StripeStandIn.snapshot(id))).expect(200);
        await("active").atMost(Duration.ofSeconds(20)).until(() ->
                api.get("/api/billing", account.token()).expect(200).path("status").asText().equals("active"));
        return id;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
