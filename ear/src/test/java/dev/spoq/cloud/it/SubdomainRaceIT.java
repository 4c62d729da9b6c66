package dev.spoq.cloud.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ApiResponse;
import dev.spoq.cloud.it.support.OpsClient;
import dev.spoq.cloud.it.support.Parallel;
import dev.spoq.cloud.it.support.TestAccount;
import dev.spoq.cloud.it.support.Unique;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static dev.spoq.cloud.it.support.ProblemAssert.assertProblem;
import static dev.spoq.cloud.it.support.StatusCounts.assertStatusCounts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Racing claims: exactly one wins, and the claim and its queued provisioning command commit together — the
 * loser's rolled-back transaction leaves neither a row nor a command on the queue.
 */
class SubdomainRaceIT {

    private final ApiClient api = new ApiClient();
    private final OpsClient ops = new OpsClient(api);

    @RepeatedTest(value = 3, name = "round {currentRepetition} of {totalRepetitions}")
    void twoAccountsRacingForOneSubdomainExactlyOneWinsWithExactlyOneCommand() {
        List<TestAccount> racers = List.of(TestAccount.register(api), TestAccount.register(api));
        String subdomain = Unique.subdomain();

        List<ApiResponse> responses = Parallel.run(2, i -> racers.get(i).claim(subdomain));

        assertStatusCounts(Map.of(201, 1L, 409, 1L), responses);
        int winner = responses.get(0).status() == 201 ? 0 : 1;
        TestAccount winning = racers.get(winner);
        TestAccount losing = racers.get(1 - winner);
        assertProblem(responses.get(1 - winner), 409).hasField("subdomain").hasType("subdomain-taken");

        List<JsonNode> commands = ops.provisioningCommandsFor(subdomain);
        assertEquals(1, commands.size(), "exactly ONE queued command for " + subdomain + ": " + commands);
        assertEquals(winning.userId(), commands.get(0).path("user_id").asText());
        assertEquals("ensure", commands.get(0).path("action").asText());

        assertEquals(subdomain, winning.status().expect(200).path("subdomain").asText());
        JsonNode loserStatus = losing.status().expect(200);
        assertTrue(loserStatus.path("subdomain").isNull(), "the loser must own nothing: " + loserStatus);
        assertEquals("none", loserStatus.path("container_status").asText());
        losing.claimSubdomain();
    }

    @Test
    void eightAccountsRacingForOneSubdomainExactlyOneWins() {
        List<TestAccount> racers = IntStream.range(0, 8).mapToObj(i -> TestAccount.register(api)).toList();
        String subdomain = Unique.subdomain();

        List<ApiResponse> responses = Parallel.run(racers.size(), i -> racers.get(i).claim(subdomain));

        assertStatusCounts(Map.of(201, 1L, 409, 7L), responses);
        responses.stream().filter(r -> r.status() == 409)
                .forEach(r -> assertProblem(r, 409).hasField("subdomain").hasType("subdomain-taken"));
        assertEquals(1, ops.provisioningCommandsFor(subdomain).size());
    }

    @Test
    void oneAccountClaimingTenNamesAtOnceGetsExactlyOneWithOneCommand() {
        TestAccount account = TestAccount.register(api);
        List<String> names = IntStream.range(0, 10).mapToObj(i -> Unique.subdomain()).toList();

        List<ApiResponse> responses = Parallel.run(names.size(), i -> account.claim(names.get(i)));

        assertStatusCounts(Map.of(201, 1L, 409, 9L), responses);
        responses.stream().filter(r -> r.status() == 409)
                .forEach(r -> assertProblem(r, 409).hasType("subdomain-already-claimed"));
        String won = account.status().expect(200).path("subdomain").asText();
        assertTrue(names.contains(won), won);
        List<JsonNode> commands = ops.provisioningCommands().stream()
                .filter(command -> account.userId().equals(command.path("user_id").asText())).toList();
        assertEquals(1, commands.size(), "one command for the one claim: " + commands);
        assertEquals(won, commands.get(0).path("subdomain").asText());
    }
}
