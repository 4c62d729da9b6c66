package dev.spoq.cloud.it.provisioning;

import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.Docker;
import dev.spoq.cloud.it.support.Json;
import dev.spoq.cloud.it.support.Proc;
import dev.spoq.cloud.it.support.Subscriber;
import dev.spoq.cloud.it.support.TcpProbe;
import dev.spoq.cloud.it.support.TestNetns;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static dev.spoq.cloud.it.support.ProblemAssert.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10 on one real computer: root inside it (sudo without a password), nothing outside it — uid 0
 * inside is a remapped uid on the node, the capability set is reduced, no Docker socket, no way to the
 * cloud metadata address or private networks — and no profile may take a name of the image's system.
 */
@ExtendWith(ComputerCleanup.class)
class SealedComputerIT {

    /** dockerd --userns-remap=default: the subordinate range of user dockremap starts here. */
    private static final long FIRST_REMAPPED_UID = 100_000;
    /**
     * Docker's default set without MKNOD (27), NET_RAW (13), SETFCAP (31) and SETPCAP (8): CHOWN, DAC_OVERRIDE,
     * FOWNER, FSETID, KILL, SETGID, SETUID, NET_BIND_SERVICE, SYS_CHROOT, AUDIT_WRITE.
     */
    private static final long REDUCED_CAPABILITIES = 0x200404fbL;

    private static final ApiClient api = new ApiClient();
    private static Subscriber computer;
    private static String container;

    @BeforeAll
    static void aRunningComputer() {
        computer = Subscriber.claim(api, "se").awaitRunning();
        computer.awaitLogin(Duration.ofSeconds(30));
        container = computer.dockerContainer();
    }

    @Test
    void sudoWithoutAPasswordMakesTheProfileRootInside() {
        String out = computer.direct().awaitLogin(computer.identity(), computer.username(), "id -u; sudo -n id -u",
                Duration.ofSeconds(10));
        assertEquals(List.of("2000", "0"), out.lines().map(String::strip).toList(), "id -u; sudo -n id -u");
    }

    @Test
    void rootInsideIsAnUnprivilegedUidOnTheNode() throws Exception {
        long pid = Docker.inspectContainer(container).orElseThrow().path("State").path("Pid").asLong();
        assertTrue(pid > 0, "pid of " + container);
        String status = Files.readString(Path.of("/proc/" + pid + "/status"));
        String uidLine = status.lines().filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow();
        long[] uids = java.util.Arrays.stream(uidLine.substring(4).trim().split("\\s+")).mapToLong(Long::parseLong).toArray();
        System.out.println("[SealedComputerIT] sshd (uid 0 inside) seen from the node: " + uidLine);
        for (long uid : uids) {
            assertTrue(uid >= FIRST_REMAPPED_UID, "uid 0 of the computer is " + uid + " on the node: " + uidLine);
        }
        String inside = Docker.execIn(container, "sh", "-c", "grep Uid: /proc/1/status").assertOk().output();
        assertTrue(inside.matches("(?s)Uid:\\s+0\\s+0\\s+0\\s+0\\s*"), "inside, pid 1 runs as root: " + inside);
    }

    @Test
    void theCapabilitySetIsReduced() {
        String status = Docker.execIn(container, "cat", "/proc/1/status").assertOk().output();
        String bounding = status.lines().filter(l -> l.startsWith("CapBnd:")).findFirst().orElseThrow();
        long caps = Long.parseLong(bounding.substring(7).strip(), 16);
        assertEquals(Long.toHexString(REDUCED_CAPABILITIES), Long.toHexString(caps), bounding);
    }

    /** The image by digest: no tag for each start to pull anew. */
    @Test
    void theServiceRunsTheImageByDigest() {
        String image = Docker.inspectService(computer.service()).orElseThrow()
                .path("Spec").path("TaskTemplate").path("ContainerSpec").path("Image").asText();
        String configured = System.getProperty("spoq.it.container.image");
        String repository = configured.substring(0, configured.lastIndexOf(':'));
        assertTrue(image.matches(java.util.regex.Pattern.quote(repository) + "@sha256:[0-9a-f]{64}"),
                "the service's image " + image + " (configured " + configured + ")");
    }

    @Test
    void theDockerSocketIsAbsent() {
        Docker.execIn(container, "sh", "-c", "test ! -e /var/run/docker.sock && test ! -e /run/docker.sock").assertOk();
        assertEquals("", Docker.execIn(container, "sh", "-c", "find / -name 'docker.sock' 2>/dev/null; true").output().strip());
    }

    /** Every user and group of the image (read from the image itself, here) is refused as a profile name. */
    @Test
    void noUserOrGroupOfTheImageCanBeAProfileName() {
        String image = System.getProperty("spoq.it.container.image");
        Proc.Result names = Docker.run("run", "--rm", "--network", "none", "--entrypoint", "cut", image, "-d:", "-f1",
                "/etc/passwd", "/etc/group").assertOk();
        TreeSet<String> systemNames = new TreeSet<>(Docker.lines(names.stdout()));
        assertTrue(systemNames.containsAll(List.of("root", "shadow", "disk", "kmem", "tty", "utmp", "_ssh", "sudo")),
                "the image's users and groups: " + systemNames);

        List<String> accepted = new ArrayList<>();
        for (String name : systemNames) {
            var response = api.post("/api/setup/profile", computer.account().token(), Json.object("username", name));
            if (response.status() / 100 != 4) {
                accepted.add(name + " → " + response.status());
                continue;
            }
            assertProblem(response, 400).hasField("username").hasDetail();
        }
        assertEquals(List.of(), accepted, "names of the image's system taken as profile names");
        String detail = assertProblem(api.post("/api/setup/profile", computer.account().token(),
                Json.object("username", "shadow")), 400).hasField("username").body().path("detail").asText();
        assertTrue(detail.contains("'shadow'") && detail.contains("system"), detail);
    }

    /**
     * The cloud metadata address and a private 10.x address, both held by the test's own namespace: the node
     * reaches them, the computer does not (SPOQ-COMPUTERS egress rules).
     */
    @Test
    void theComputerReachesNeitherTheMetadataAddressNorPrivateNetworks() {
        try (TestNetns netns = TestNetns.create()) {
            String metadata = "169.254.169.254";
            netns.own(metadata);
            netns.listen(metadata, 80);
            netns.listen(netns.nsAddress(), 8080);

            assertTrue(netns.probeFromHost(metadata, 80).startsWith("connected hello"), "positive control: the node reaches " + metadata);
            assertTrue(netns.probeFromHost(netns.nsAddress(), 8080).startsWith("connected hello"),
                    "positive control: the node reaches " + netns.nsAddress());

            // routed to the namespace before the computer sends anything (its packets leave through the node)
            netns.assertRoutedHere(metadata);
            netns.assertRoutedHere(netns.nsAddress());
            String toMetadata = probeFromComputer(metadata, 80);
            String toPrivate = probeFromComputer(netns.nsAddress(), 8080);
            System.out.printf("[SealedComputerIT] from the computer: %s:80 → %s; %s:8080 → %s%n", metadata, toMetadata,
                    netns.nsAddress(), toPrivate);
            assertFalse(toMetadata.startsWith("connected"), "the computer reached " + metadata + ": " + toMetadata);
            assertFalse(toPrivate.startsWith("connected"), "the computer reached " + netns.nsAddress() + ": " + toPrivate);
        }
    }

    private static String probeFromComputer(String address, int port) {
        Proc.Result result = Docker.execIn(container, "python3", "-c", TcpProbe.SCRIPT, address, Integer.toString(port));
        assertEquals(0, result.exitCode(), () -> "the probe did not run in the computer: " + result);
        return result.output().strip();
    }
}
