package dev.spoq.cloud.it.provisioning;

import dev.spoq.cloud.it.support.Proc;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The node setup (scripts/start-docker.sh) on this node: it installs the firewall the computers rely on, and on
 * a node without iptables it stops with a clear message before it starts or changes anything.
 */
class NodeSetupIT {

    private static final Path SCRIPT = Path.of("..", "scripts", "start-docker.sh").toAbsolutePath().normalize();

    @Test
    void withoutIptablesTheSetupStopsAndSaysWhy() throws IOException {
        // a PATH with the engine (and id, for the root check) but no iptables
        Path bin = Files.createTempDirectory("spoq-no-iptables");
        try {
            for (String program : List.of("dockerd", "id")) {
                Files.createSymbolicLink(bin.resolve(program), Path.of(which(program)));
            }
            Proc.Result setup = Proc.run(List.of("/bin/bash", SCRIPT.toString()), Proc.Input.NONE,
                    Map.of("PATH", bin.toString()), Duration.ofSeconds(30));
            assertEquals(1, setup.exitCode(), setup::toString);
            assertTrue(setup.stderr().contains("iptables missing") && setup.stderr().contains("cannot be installed"),
                    setup::toString);
        } finally {
            Files.deleteIfExists(bin.resolve("dockerd"));
            Files.deleteIfExists(bin.resolve("id"));
            Files.deleteIfExists(bin);
        }
    }

    @Test
    void theFirewallIsInstalledAheadOfDockersOwnRules() {
        List<String> dockerUser = Proc.run(Duration.ofSeconds(10), "iptables", "-w", "5", "-S", "DOCKER-USER")
                .assertOk().stdout().lines().toList();
        assertEquals("-A DOCKER-USER -j SPOQ-COMPUTERS", dockerUser.get(1), "the first rule of DOCKER-USER: " + dockerUser);
        String rules = Proc.run(Duration.ofSeconds(10), "iptables", "-w", "5", "-S", "SPOQ-COMPUTERS").assertOk().stdout();
        assertTrue(rules.contains("--ctorigdstport 20000:64999") && rules.contains("-j DROP"), rules);
        assertTrue(rules.contains("-d 169.254.0.0/16 -i docker0 -j REJECT"), rules);
    }

    private static String which(String program) {
        return Proc.run(Duration.ofSeconds(5), "sh", "-c", "command -v " + program).assertOk().stdout().strip();
    }
}
