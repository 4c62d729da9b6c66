package dev.spoq.cloud.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ApiResponse;
import dev.spoq.cloud.it.support.OpsClient;
import dev.spoq.cloud.it.support.TestAccount;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.spoq.cloud.it.support.ProblemAssert.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /internal/provisioning/commands: the internal token only; lists (without consuming) the queued commands. */
class OpsEndpointIT {

    private final ApiClient api = new ApiClient();
    private final OpsClient ops = new OpsClient(api);

    @Test
    void aClaimQueuesOneEnsureCommandThatBrowsingDoesNotConsume() {
        TestAccount account = TestAccount.register(api).claimSubdomain();

        List<JsonNode> first = ops.provisioningCommandsFor(account.subdomain());
        List<JsonNode> second = ops.provisioningCommandsFor(account.subdomain());

        assertEquals(1, first.size(), first.toString());
        JsonNode command = first.get(0);
        assertEquals(account.userId(), command.path("user_id").asText());
        assertEquals(account.subdomain(), command.path("subdomain").asText());
        assertEquals("ensure", command.path("action").asText());
        assertEquals(first, second, "listing must browse, not consume");
    }

    @Test
    void aRefusedClaimQueuesNoCommand() {
        TestAccount account = TestAccount.register(api);

        assertProblem(account.claim("admin"), 400).hasField("subdomain");
        assertProblem(account.claim("x"), 400).hasField("subdomain");

        assertEquals(0, ops.provisioningCommands().stream()
                .filter(command -> account.userId().equals(command.path("user_id").asText())).count());
    }

    @Test
    void aUserTokenIs403() {
        TestAccount account = TestAccount.register(api);

        assertProblem(api.get("/internal/provisioning/commands", account.token()), 403);
    }

    @Test
    void noTokenIs401() {
        assertProblem(api.get("/internal/provisioning/commands", null), 401);
    }

    @Test
    void aWrongInternalTokenIsRefused() {
        ApiResponse response = api.get("/internal/provisioning/commands", OpsClient.internalToken() + "x");

        assertTrue(response.status() == 401 || response.status() == 403, "a wrong internal token must be refused: " + response);
        assertProblem(response, response.status());
    }
}
