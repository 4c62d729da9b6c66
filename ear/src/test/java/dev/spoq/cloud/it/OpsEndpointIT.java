package dev.spoq.cloud.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ApiResponse;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.OpsClient;
import dev.spoq.cloud.it.support.TestAccount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static dev.spoq.cloud.it.support.ProblemAssert.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The provisioning ops endpoints — GET /internal/provisioning/commands (what still waits on the queue) and
 * GET /internal/provisioning/history?user_id= (what the consumer received): the internal token only.
 */
@ExtendWith(ComputerCleanup.class)
class OpsEndpointIT {

    private static final String HISTORY = "/internal/provisioning/history?user_id=5b0f7d1e-6a43-4c8e-9f0a-2d1c3b4a5e6f";

    private final ApiClient api = new ApiClient();
    private final OpsClient ops = new OpsClient(api);

    @Test
    void theHistoryListsTheEnsureOfAClaim() {
        TestAccount account = TestAccount.register(api);
        assertEquals(List.of(), ops.history(account.userId()), "nothing received before the claim");
        OffsetDateTime before = OffsetDateTime.now().minusSeconds(5);

        account.claimSubdomain();

        List<JsonNode> received = ops.awaitReceived(account.userId(), "ensure", Duration.ofSeconds(15));
        JsonNode first = received.get(0);
        assertEquals("ensure", first.path("action").asText(), received.toString());
        assertEquals("pending", first.path("status_at_receipt").asText(), "received before anything was done: " + received);
        OffsetDateTime at = OffsetDateTime.parse(first.path("received_at").asText());
        assertTrue(at.isAfter(before) && at.isBefore(OffsetDateTime.now().plusSeconds(5)), "received_at " + at);
        assertEquals(received, ops.history(account.userId()).subList(0, received.size()), "reading the history changes nothing");
    }

    @Test
    void theHistoryOfAnUnknownUserIsEmptyAndABadUserIdIs400() {
        assertEquals(List.of(), ops.history(UUID.randomUUID().toString()));
        assertProblem(api.get("/internal/provisioning/history?user_id=not-a-uuid", OpsClient.internalToken()), 400).hasField("user_id");
        assertProblem(api.get("/internal/provisioning/history", OpsClient.internalToken()), 400).hasField("user_id");
    }

    @Test
    void aRefusedClaimSendsNoCommand() throws InterruptedException {
        TestAccount account = TestAccount.register(api);

        assertProblem(account.claim("admin"), 400).hasField("subdomain");
        assertProblem(account.claim("x"), 400).hasField("subdomain");

        Thread.sleep(2_000);
        assertEquals(List.of(), ops.history(account.userId()));
        assertProblem(ops.computerOf(account.userId()), 404);
    }

    @Test
    void theQueueListingAnswersWithTheInternalToken() {
        JsonNode body = api.get("/internal/provisioning/commands", OpsClient.internalToken()).expect(200);

        assertTrue(body.path("commands").isArray(), body.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/internal/provisioning/commands", HISTORY})
    void aUserTokenIs403(String path) {
        TestAccount account = TestAccount.register(api);

        assertProblem(api.get(path, account.token()), 403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/internal/provisioning/commands", HISTORY})
    void noTokenIs401(String path) {
        assertProblem(api.get(path, null), 401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/internal/provisioning/commands", HISTORY})
    void aWrongInternalTokenIsRefused(String path) {
        ApiResponse response = api.get(path, OpsClient.internalToken() + "x");

        assertTrue(response.status() == 401 || response.status() == 403, "a wrong internal token must be refused: " + response);
        assertProblem(response, response.status());
        assertFalse(response.body().contains("\"commands\""), response.toString());
    }
}
