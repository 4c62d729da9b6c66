package dev.spoq.cloud.it.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ApiResponse;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.OpsClient;
import dev.spoq.cloud.it.support.Parallel;
import dev.spoq.cloud.it.support.TestAccount;
import dev.spoq.cloud.it.support.Unique;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Computers' sshd ports come back when a computer is deleted (a claim takes the lowest free port), so the
 * range 20000-64999 bounds the computers that exist at once, not the claims ever made; concurrent claims
 * never share a port.
 */
@ExtendWith(ComputerCleanup.class)
class SshPortReuseIT {

    private final ApiClient api = new ApiClient();
    private final OpsClient ops = new OpsClient(api);

    @Test
    void theNextClaimGetsAPortNoHigherThanTheDeletedComputersOne() {
        TestAccount first = TestAccount.register(api).claimSubdomain();
        JsonNode computer = ops.computerOf(first.userId()).expect(200);
        int freed = computer.path("ssh_port").asInt();
        assertTrue(freed >= 20000 && freed <= 64999, computer.toString());

        ops.delete(computer.path("container_id").asText()).expect(200);
        await("computer of " + first.subdomain() + " deleted").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> ops.computerOf(first.userId()).expect(200).path("status").asText(), "deleted"::equals);

        TestAccount next = TestAccount.register(api).claimSubdomain();
        int given = ops.computerOf(next.userId()).expect(200).path("ssh_port").asInt();

        // the lowest free port: the freed one, or a lower one another deleted computer gave back meanwhile
        // (a sequence would only ever have handed out a higher one)
        assertTrue(given >= 20000 && given <= freed, "port " + given + " after " + freed + " was freed");
    }

    @Test
    void concurrentClaimsGetDistinctPorts() {
        int claims = 5;
        List<TestAccount> accounts = Parallel.run(claims, i -> TestAccount.register(new ApiClient()));

        List<ApiResponse> answers = Parallel.run(claims, i -> accounts.get(i).claim(Unique.subdomain()));

        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < claims; i++) {
            assertEquals(201, answers.get(i).status(), answers.get(i).toString());
            ports.add(ops.computerOf(accounts.get(i).userId()).expect(200).path("ssh_port").asInt());
        }
        assertEquals(claims, ports.size(), "one port each: " + ports);
    }
}
