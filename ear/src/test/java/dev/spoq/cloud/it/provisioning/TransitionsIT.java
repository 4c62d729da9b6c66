package dev.spoq.cloud.it.provisioning;

import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.Computers;
import dev.spoq.cloud.it.support.Docker;
import dev.spoq.cloud.it.support.OpsClient;
import dev.spoq.cloud.it.support.TestAccount;
import dev.spoq.cloud.it.support.Unique;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static dev.spoq.cloud.it.support.ProblemAssert.assertProblem;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Status changes are checked against the current state, under the row's lock: a suspend after a delete is a
 * 409 and the computer stays deleted; a suspend racing the provisioning of a new computer ends suspended.
 */
@ExtendWith(ComputerCleanup.class)
class TransitionsIT {

    private static final ApiClient api = new ApiClient();
    private static final OpsClient ops = new OpsClient(api);

    private record NewComputer(String userId, String name, String id) {
    }

    /** A new user's computer through the internal API (the ensure of its claim queued at once). */
    private static NewComputer newComputer() {
        TestAccount account = TestAccount.register(api);
        String name = Unique.subdomain("tr");
        String id = ops.create(account.userId(), name).expect(201).path("container_id").asText();
        Computers.track(account.userId(), name);
        return new NewComputer(account.userId(), name, id);
    }

    @Test
    void aSuspendAfterADeleteIsAConflictAndTheComputerStaysDeleted() throws InterruptedException {
        NewComputer computer = newComputer();
        String id = computer.id();
        String name = computer.name();
        ops.delete(id).expect(200);

        assertProblem(ops.suspend(id), 409).hasField("container_id").hasType("container-deleted");

        await("deleted").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> ops.status(id).expect(200).path("status").asText(), "deleted"::equals);
        Thread.sleep(4_000); // a reconciler pass must not bring it back
        assertEquals("deleted", ops.status(id).expect(200).path("status").asText());
        assertFalse(Docker.serviceExists(Docker.serviceName(name)), "a service came back for a deleted computer");
        Computers.untrack(computer.userId());
    }

    @Test
    void aSuspendRacingTheProvisioningOfANewComputerEndsSuspended() throws InterruptedException {
        NewComputer computer = newComputer();
        String id = computer.id();
        String name = computer.name();
        ops.suspend(id).expect(200); // while the ensure of the claim is queued or under way

        await("suspended, no replica").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> "suspended".equals(ops.status(id).expect(200).path("status").asText())
                        && (!Docker.serviceExists(Docker.serviceName(name)) || Docker.desiredReplicas(Docker.serviceName(name)) == 0));
        Thread.sleep(8_000); // the provisioning attempt and reconciler passes have had their chance to overwrite it
        assertEquals("suspended", ops.status(id).expect(200).path("status").asText());
        String service = Docker.serviceName(name);
        assertFalse(Docker.serviceExists(service) && Docker.desiredReplicas(service) != 0,
                "the suspended computer runs: " + (Docker.serviceExists(service) ? Docker.describe(service) : "no service"));
    }
}
