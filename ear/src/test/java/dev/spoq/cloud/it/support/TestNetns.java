package dev.spoq.cloud.it.support;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A network namespace of the test's own, joined to the host by a veth pair: the host's end has
 * 10.213.N.1/30 and fd00:213:N::1/64, the namespace's end .2 and ::2, and the namespace routes everything
 * back through the host. Addresses the test adds ({@link #own}) live in the namespace and get a host route to
 * the veth. Every address a test sends to is checked first with {@code ip route get} ({@link #assertRoutedHere}):
 * a packet of these tests never leaves this machine. Needs root ({@code ip netns}); close removes everything.
 */
public final class TestNetns implements AutoCloseable {

    /** Answers every connection with "hello from the namespace" and closes it. */
    private static final String LISTENER = """
            import socket, sys
            s = socket.socket(socket.AF_INET6 if ':' in sys.argv[1] else socket.AF_INET)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind((sys.argv[1], int(sys.argv[2])))
            s.listen(16)
            while True:
                c, _ = s.accept()
                c.sendall(b'hello from the namespace\\n')
                c.close()
            """;

    private static final Duration COMMAND = Duration.ofSeconds(15);

    private final String name;
    private final String hostSide;
    private final String nsSide;
    private final int subnet;
    private final List<String> hostRoutes = new ArrayList<>();
    private final List<Process> listeners = new ArrayList<>();

    private TestNetns(String name, String hostSide, String nsSide, int subnet) {
        this.name = name;
        this.hostSide = hostSide;
        this.nsSide = nsSide;
        this.subnet = subnet;
    }

    /** Makes the namespace and the veth pair on a 10.213.N.0/30 that no route of this machine uses yet. */
    public static TestNetns create() {
        SecureRandom random = new SecureRandom();
        for (int attempt = 0; attempt < 20; attempt++) {
            int n = random.nextInt(256);
            String probe = "10.213." + n + ".1";
            if (!ip("route", "get", probe).output().contains(" via ")) {
                continue; // some link already holds this subnet: take another
            }
            String id = HexFormat.of().formatHex(random.generateSeed(3));
            TestNetns netns = new TestNetns("spoqit-" + id, "sqh" + id, "sqn" + id, n);
            netns.build();
            return netns;
        }
        return fail("no free 10.213.N.0/30 for the test's network namespace");
    }

    private void build() {
        ip("netns", "add", name).assertOk();
        ip("link", "add", hostSide, "type", "veth", "peer", "name", nsSide).assertOk();
        ip("link", "set", nsSide, "netns", name).assertOk();
        ip("addr", "add", hostAddress() + "/30", "dev", hostSide).assertOk();
        ip("-6", "addr", "add", hostAddress6() + "/64", "dev", hostSide, "nodad").assertOk();
        ip("link", "set", hostSide, "up").assertOk();
        inside("ip", "link", "set", "lo", "up").assertOk();
        inside("ip", "addr", "add", nsAddress() + "/30", "dev", nsSide).assertOk();
        inside("ip", "-6", "addr", "add", prefix6() + "::2/64", "dev", nsSide, "nodad").assertOk();
        inside("ip", "link", "set", nsSide, "up").assertOk();
        inside("ip", "route", "add", "default", "via", hostAddress()).assertOk();
        inside("ip", "-6", "route", "add", "default", "via", hostAddress6()).assertOk();
        assertRoutedHere(nsAddress());
    }

    /** The host's end of the veth. */
    public String hostAddress() {
        return "10.213." + subnet + ".1";
    }

    public String hostAddress6() {
        return prefix6() + "::1";
    }

    /** The namespace's own end of the veth. */
    public String nsAddress() {
        return "10.213." + subnet + ".2";
    }

    private String prefix6() {
        return "fd00:213:" + Integer.toHexString(subnet);
    }

    /** Gives the namespace one more address (e.g. 169.254.169.254), routed from the host to the veth. */
    public void own(String address) {
        inside("ip", "addr", "add", address + "/32", "dev", nsSide).assertOk();
        ip("route", "add", address + "/32", "dev", hostSide).assertOk();
        hostRoutes.add(address);
        assertRoutedHere(address);
    }

    /** Fails unless the host sends packets for this address into this namespace's veth. */
    public void assertRoutedHere(String address) {
        String route = ip("route", "get", address).output();
        assertTrue(route.contains(" dev " + hostSide + " "), "not routed to the test's veth " + hostSide + ": " + route);
    }

    /** A TCP listener inside the namespace on address:port (an address of the namespace); stopped by close. */
    public void listen(String address, int port) {
        ProcessBuilder builder = new ProcessBuilder("ip", "netns", "exec", name, "python3", "-c", LISTENER, address,
                Integer.toString(port)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        try {
            listeners.add(builder.start());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        org.awaitility.Awaitility.await("the namespace's listener on " + address + ":" + port)
                .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> probeFromHost(address, port).startsWith("connected"));
    }

    /** {@link TcpProbe#SCRIPT} run on the host, to an address of this namespace only. */
    public String probeFromHost(String address, int port) {
        assertRoutedHere(address);
        Proc.Result result = Proc.run(COMMAND, "python3", "-c", TcpProbe.SCRIPT, address, Integer.toString(port));
        assertEquals(0, result.exitCode(), () -> "the probe did not run: " + result);
        return result.output().strip();
    }

    /** {@link TcpProbe#SCRIPT} run inside the namespace, to the host's end of the veth (v4 or v6) only. */
    public String probeHostFromInside(String hostAddress, int port) {
        assertTrue(hostAddress.equals(hostAddress()) || hostAddress.equals(hostAddress6()),
                "from the namespace the tests reach only the host's end of the veth, not " + hostAddress);
        Proc.Result result = inside("python3", "-c", TcpProbe.SCRIPT, hostAddress, Integer.toString(port));
        assertEquals(0, result.exitCode(), () -> "the probe did not run in " + name + ": " + result);
        return result.output().strip();
    }

    private Proc.Result inside(String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(command));
        return Proc.run(full, COMMAND);
    }

    private static Proc.Result ip(String... args) {
        List<String> full = new ArrayList<>(List.of("ip"));
        full.addAll(List.of(args));
        return Proc.run(full, COMMAND);
    }

    @Override
    public void close() {
        listeners.forEach(Process::destroyForcibly);
        hostRoutes.forEach(address -> ip("route", "del", address + "/32", "dev", hostSide));
        ip("link", "del", hostSide);
        ip("netns", "del", name);
    }

    @Override
    public String toString() {
        return name + " (" + hostSide + " " + hostAddress() + " / " + hostAddress6() + " ↔ " + nsAddress() + ")";
    }
}
