package dev.spoq.cloud.it.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.Docker;
import dev.spoq.cloud.it.support.Subscriber;
import dev.spoq.cloud.it.support.TcpProbe;
import dev.spoq.cloud.it.support.OpenSsh;
import dev.spoq.cloud.it.support.Proc;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two subscribers' computers A and B: from inside A nothing of B answers — neither B's own addresses nor B's
 * sshd published on the host (reached through the gateway address of A's networks). Probes run inside A with
 * {@code docker exec A python3} (TCP connect, 2 s timeout); positive controls show the probe can succeed.
 */
@ExtendWith(ComputerCleanup.class)
class IsolationIT {

    private static final ApiClient api = new ApiClient();
    private static Subscriber a;
    private static Subscriber b;
    private static String containerA;
    private static String containerB;


    @BeforeAll
    static void twoRunningComputers() {
        a = Subscriber.claim(api, "p");
        b = Subscriber.claim(api, "p");
        a.awaitRunning();
        b.awaitRunning();
        containerA = a.dockerContainer();
        containerB = b.dockerContainer();
    }

    @Test
    void fromInsideANoAddressOfBAnswersOnItsSshd() {
        Map<String, String> addressesOfB = addresses(containerB);
        assertFalse(addressesOfB.isEmpty(), "B has no address? " + networks(containerB));
        Map<String, String> addressesOfA = addresses(containerA);
        String ownAddress = addressesOfA.keySet().iterator().next();
        assertTrue(probeFromA(ownAddress, 22).startsWith("connected SSH-"),
                "positive control: A reaches its own sshd at " + ownAddress + ":22 — " + probeFromA(ownAddress, 22));

        Map<String, String> answered = new LinkedHashMap<>();
        List<String> tried = new ArrayList<>();
        addressesOfB.forEach((address, network) -> {
            String outcome = probeFromA(address, 22);
            tried.add(address + ":22 (" + network + ") → " + outcome);
            if (outcome.startsWith("connected")) {
                answered.put(address + ":22 (" + network + ")", outcome);
            }
        });
        System.out.println("[IsolationIT] A = " + describe(containerA) + "; B = " + describe(containerB) + "; from A: " + tried);

        assertTrue(answered.isEmpty(), "from inside A (" + describe(containerA) + "), B (" + describe(containerB)
                + ") answered: " + answered);
    }

    @Test
    void fromInsideATheHostPublishedSshPortOfBDoesNotAnswer() {
        int portOfB = b.sshPort();
        assertFalse(OpenSsh.hostKeys(portOfB).isEmpty(), "positive control: from the host, B's sshd answers on 127.0.0.1:" + portOfB);
        Set<String> gateways = new LinkedHashSet<>(gateways(containerA));
        Proc.Result gwbridge = Docker.run("network", "inspect", "--format", "{{range .IPAM.Config}}{{.Gateway}} {{end}}", "docker_gwbridge");
        if (gwbridge.ok()) {
            for (String gateway : gwbridge.output().strip().split("\\s+")) {
                if (!gateway.isBlank()) {
                    gateways.add(gateway);
                }
            }
        }
        assertFalse(gateways.isEmpty(), "no gateway address found for A: " + networks(containerA));

        Map<String, String> answered = new LinkedHashMap<>();
        List<String> tried = new ArrayList<>();
        for (String gateway : gateways) {
            String outcome = probeFromA(gateway, portOfB);
            tried.add(gateway + ":" + portOfB + " → " + outcome);
            if (outcome.startsWith("connected")) {
                answered.put(gateway + ":" + portOfB, outcome);
            }
        }

        System.out.println("[IsolationIT] from A (" + describe(containerA) + ") to B's published port: " + tried);
        assertTrue(answered.isEmpty(), "from inside A (" + describe(containerA) + "), B's published sshd answered: "
                + answered + "; all probes: " + tried);
    }

    @Test
    void theProbeRunsInsideA() {
        Proc.Result hostname = Docker.execIn(containerA, "hostname");

        assertEquals(a.subdomain(), hostname.output().strip(), "docker exec reaches A's container");
    }

    private static String probeFromA(String address, int port) {
        Proc.Result result = Docker.execIn(containerA, "python3", "-c", TcpProbe.SCRIPT, address, Integer.toString(port));
        assertEquals(0, result.exitCode(), () -> "the probe did not run in A: " + result.output());
        return result.output().strip();
    }

    /** address → network name, IPv4 and global IPv6, of every network the container is attached to. */
    private static Map<String, String> addresses(String container) {
        Map<String, String> addresses = new LinkedHashMap<>();
        networks(container).fields().forEachRemaining(network -> {
            String v4 = network.getValue().path("IPAddress").asText("");
            String v6 = network.getValue().path("GlobalIPv6Address").asText("");
            if (!v4.isBlank()) {
                addresses.put(v4, network.getKey());
            }
            if (!v6.isBlank()) {
                addresses.put(v6, network.getKey());
            }
        });
        return addresses;
    }

    private static List<String> gateways(String container) {
        List<String> gateways = new ArrayList<>();
        networks(container).fields().forEachRemaining(network -> {
            String gateway = network.getValue().path("Gateway").asText("");
            if (!gateway.isBlank()) {
                gateways.add(gateway);
            }
        });
        return gateways;
    }

    private static JsonNode networks(String container) {
        return Docker.inspectContainer(container).orElseThrow(() -> new AssertionError("no container " + container))
                .path("NetworkSettings").path("Networks");
    }

    private static String describe(String container) {
        List<String> parts = new ArrayList<>();
        networks(container).fields().forEachRemaining(network -> parts.add(network.getKey() + " "
                + network.getValue().path("IPAddress").asText() + " gw " + network.getValue().path("Gateway").asText()));
        return container.substring(0, 12) + ": " + String.join(", ", parts);
    }
}
