package dev.spoq.cloud.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ApiResponse;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.Docker;
import dev.spoq.cloud.it.support.OpsClient;
import dev.spoq.cloud.it.support.Parallel;
import dev.spoq.cloud.it.support.TestAccount;
import dev.spoq.cloud.it.support.Unique;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static dev.spoq.cloud.it.support.ProblemAssert.assertProblem;
import static dev.spoq.cloud.it.support.StatusCounts.assertStatusCounts;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Racing claims: exactly one wins, and the claim and its queued provisioning command commit together — if the
 * transaction rolls back, neither exists. The consumer takes commands off the queue at once, so the proof is
 * the consumer's received-commands history: the winner's shows an "ensure" (positive control: a committed
 * command does arrive), the loser's stays empty (checked after the winner's arrived, and again 3 s later), and
 * the loser has no computer.
 */
@ExtendWith(ComputerCleanup.class)
class SubdomainRaceIT {

    private static final Duration DELIVERY = Duration.ofSeconds(15);

    private final ApiClient api = new ApiClient();
    private final OpsClient ops = new OpsClient(api);

    @RepeatedTest(value = 3, name = "round {currentRepetition} of {totalRepetitions}")
    void twoAccountsRacingForOneSubdomainExactlyOneWinsWithExactlyOneCommand() throws InterruptedException {
        List<TestAccount> racers = List.of(TestAccount.register(api), TestAccount.register(api));
        String subdomain = Unique.subdomain();

        List<ApiResponse> responses = Parallel.run(2, i -> racers.get(i).claim(subdomain));

        assertStatusCounts(Map.of(201, 1L, 409, 1L), responses);
        int winner = responses.get(0).status() == 201 ? 0 : 1;
        TestAccount winning = racers.get(winner);
        TestAccount losing = racers.get(1 - winner);
        assertProblem(responses.get(1 - winner), 409).hasField("subdomain").hasType("subdomain-taken");

        assertWinnerReceivedOneEnsureAndLosersNothing(winning, List.of(losing));
        assertEquals(subdomain, winning.status().expect(200).path("subdomain").asText());
        JsonNode loserStatus = losing.status().expect(200);
        assertTrue(loserStatus.path("subdomain").isNull(), "the loser must own nothing: " + loserStatus);
        assertEquals("none", loserStatus.path("container_status").asText());
        assertServiceBelongsTo(subdomain, winning);
        losing.claimSubdomain();
    }

    @Test
    void eightAccountsRacingForOneSubdomainExactlyOneWins() throws InterruptedException {
        List<TestAccount> racers = IntStream.range(0, 8).mapToObj(i -> TestAccount.register(api)).toList();
        String subdomain = Unique.subdomain();

        List<ApiResponse> responses = Parallel.run(racers.size(), i -> racers.get(i).claim(subdomain));

        assertStatusCounts(Map.of(201, 1L, 409, 7L), responses);
        responses.stream().filter(r -> r.status() == 409)
                .forEach(r -> assertProblem(r, 409).hasField("subdomain").hasType("subdomain-taken"));
        TestAccount winning = IntStream.range(0, racers.size()).filter(i -> responses.get(i).status() == 201)
                .mapToObj(racers::get).findFirst().orElseThrow();
        List<TestAccount> losing = racers.stream().filter(r -> r != winning).toList();
        assertWinnerReceivedOneEnsureAndLosersNothing(winning, losing);
        assertServiceBelongsTo(subdomain, winning);
    }

    @Test
    void oneAccountClaimingTenNamesAtOnceGetsExactlyOneWithOneCommand() throws InterruptedException {
        TestAccount account = TestAccount.register(api);
        List<String> names = IntStream.range(0, 10).mapToObj(i -> Unique.subdomain()).toList();

        List<ApiResponse> responses = Parallel.run(names.size(), i -> account.claim(names.get(i)));

        assertStatusCounts(Map.of(201, 1L, 409, 9L), responses);
        responses.stream().filter(r -> r.status() == 409)
                .forEach(r -> assertProblem(r, 409).hasType("subdomain-already-claimed"));
        String won = account.status().expect(200).path("subdomain").asText();
        assertTrue(names.contains(won), won);
        ops.awaitReceived(account.userId(), "ensure", DELIVERY);
        Thread.sleep(3_000);
        List<String> actions = ops.actions(account.userId());
        assertEquals(1, actions.stream().filter("ensure"::equals).count(),
                "one ensure for the one committed claim, none for the nine rolled back: " + ops.history(account.userId()));
        assertEquals(won, ops.computerOf(account.userId()).expect(200).path("subdomain").asText());
        names.stream().filter(name -> !name.equals(won)).forEach(name -> assertFalse(Docker.serviceExists(Docker.serviceName(name)),
                "a rolled-back claim must not start a computer: " + name));
    }

    /**
     * The winner's history shows an ensure within 15 s; then, and 3 s later, every loser's history is empty and
     * no loser has a computer.
     */
    private void assertWinnerReceivedOneEnsureAndLosersNothing(TestAccount winning, List<TestAccount> losing)
            throws InterruptedException {
        List<JsonNode> received = ops.awaitReceived(winning.userId(), "ensure", DELIVERY);
        assertEquals("ensure", received.get(0).path("action").asText(), "the claim's command comes first: " + received);

        assertLosersHaveNothing(losing, "when the winner's command had arrived");
        Thread.sleep(3_000);
        assertLosersHaveNothing(losing, "3 s after the winner's command had arrived");
        assertEquals(1, ops.actions(winning.userId()).stream().filter("ensure"::equals).count(),
                "exactly one ensure for the one claim: " + ops.history(winning.userId()));
    }

    private void assertLosersHaveNothing(List<TestAccount> losing, String when) {
        for (TestAccount loser : losing) {
            assertEquals(List.of(), ops.history(loser.userId()), "the loser " + loser.userId() + " received a command " + when);
            assertProblem(ops.computerOf(loser.userId()), 404);
        }
    }

    /** The one service of the subdomain is labelled with the winner (checked once it exists). */
    private static void assertServiceBelongsTo(String subdomain, TestAccount winning) {
        JsonNode labels = await("a service for " + subdomain).atMost(DELIVERY)
                .until(() -> Docker.inspectService(Docker.serviceName(subdomain)), Optional::isPresent).get().path("Spec").path("Labels");
        assertEquals(winning.userId(), labels.path("spoq.user").asText(), labels.toString());
    }
}
