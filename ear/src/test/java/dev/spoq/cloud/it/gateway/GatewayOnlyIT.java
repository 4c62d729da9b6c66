package dev.spoq.cloud.it.gateway;

import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.Docker;
import dev.spoq.cloud.it.support.OpenSsh;
import dev.spoq.cloud.it.support.Proc;
import dev.spoq.cloud.it.support.SshIdentity;
import dev.spoq.cloud.it.support.Subscriber;
import dev.spoq.cloud.it.support.TestNetns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 §2: a computer's sshd answers the gateway alone. From a network namespace of the test's own
 * (a veth pair: it reaches only the host's end of the veth), the computer's published sshd port on the
 * host's veth address (IPv4 and IPv6) does not answer, while the gateway's port on the same address does;
 * from the node itself (where this suite's gateway runs) the computer's sshd answers. What holds it: the
 * node setup's SPOQ-COMPUTERS rules (DOCKER-USER) and dockerd without its userland proxy (scripts/start-docker.sh).
 */
@ExtendWith(ComputerCleanup.class)
class GatewayOnlyIT {

    private static final ApiClient api = new ApiClient();

    /** Bound to every address, so that the namespace can reach it on the host's end of the veth. */
    @RegisterExtension
    static final GatewayProcess gateway = new GatewayProcess("0.0.0.0");
    private static TestNetns netns;
    private static Subscriber computer;

    @BeforeAll
    static void aRunningComputerAndANamespace() {
        netns = TestNetns.create();
        computer = Subscriber.claim(api, "go").awaitRunning(GatewayProcess.COMPUTER_START);
        computer.awaitLogin(Duration.ofSeconds(30));
    }

    @AfterAll
    static void removeTheNamespace() {
        if (netns != null) {
            netns.close();
        }
    }

    @Test
    void fromTheNodeTheComputersSshdAnswers() {
        assertFalse(OpenSsh.hostKeys(computer.sshPort()).isEmpty(),
                "positive control: the computer's sshd answers on 127.0.0.1:" + computer.sshPort());
    }

    @Test
    void fromAnotherMachineTheGatewayAnswers() {
        String outcome = netns.probeHostFromInside(netns.hostAddress(), gateway.port());
        assertTrue(outcome.startsWith("connected SSH-2.0-"), "the gateway from " + netns + ": " + outcome);
    }

    @Test
    void fromAnotherMachineTheComputersSshdDoesNotAnswer() {
        int port = computer.sshPort();
        String v4 = netns.probeHostFromInside(netns.hostAddress(), port);
        String v6 = netns.probeHostFromInside(netns.hostAddress6(), port);
        System.out.printf("[GatewayOnlyIT] from %s to the computer's port %d: IPv4 %s, IPv6 %s%n", netns, port, v4, v6);
        assertFalse(v4.startsWith("connected"), "IPv4 " + netns.hostAddress() + ":" + port + " answered: " + v4);
        assertFalse(v6.startsWith("connected"), "IPv6 [" + netns.hostAddress6() + "]:" + port + " answered: " + v6);
        assertEquals("timeout", v4, "the firewall drops, it does not even refuse");
    }

    @Test
    void aKeyPlantedInTheUsersOwnAuthorizedKeysDoesNotLogIn() {
        SshIdentity planted = SshIdentity.generate();
        String user = computer.username();
        Docker.execIn(computer.dockerContainer(), "su", "-s", "/bin/sh", user, "-c",
                "mkdir -p ~/.ssh && chmod 700 ~/.ssh && echo '" + planted.key().line() + "' >> ~/.ssh/authorized_keys"
                        + " && chmod 600 ~/.ssh/authorized_keys").assertOk();

        Proc.Result attempt = computer.direct().ssh(planted, user, "true");
        assertFalse(attempt.ok(), "the planted key logged in: " + attempt);
        assertTrue(attempt.stderr().contains("Permission denied"), attempt::toString);
        assertEquals(user, computer.direct().awaitLogin(computer.identity(), user, "id -un", Duration.ofSeconds(10)),
                "positive control: the platform's key of the device logs in");
    }
}
