package dev.spoq.cloud.gateway.support;

import dev.spoq.cloud.gateway.GatewayConfig;
import dev.spoq.cloud.gateway.SshGateway;
import dev.spoq.cloud.it.support.OpenSsh;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A gateway on an ephemeral port with its data in a test directory, plus a known_hosts file that pins it. */
public final class RunningGateway implements AutoCloseable {
    private final SshGateway gateway;
    private final Path dataDir;
    private final Path knownHosts;

    private RunningGateway(SshGateway gateway, Path dataDir, Path knownHosts) {
        this.gateway = gateway;
        this.dataDir = dataDir;
        this.knownHosts = knownHosts;
    }

    /**
     * Limits generous enough for a class that opens many connections from 127.0.0.1 (ConnectionLimitsTest checks
     * the limits themselves).
     */
    public static RunningGateway startForManyLogins(Path dataDir, URI controlPlane) throws IOException, GeneralSecurityException {
        return start(dataDir, controlPlane, Map.of(
                "spoq.gateway.limits.connections-per-minute-per-address", "1000",
                "spoq.gateway.limits.max-unauthenticated-per-address", "100"));
    }

    /** Default limits except where {@code overrides} say otherwise. */
    public static RunningGateway start(Path dataDir, URI controlPlane, Map<String, String> overrides)
            throws IOException, GeneralSecurityException {
        Map<String, String> settings = new HashMap<>();
        settings.put("spoq.gateway.bind-address", "127.0.0.1");
        settings.put("spoq.gateway.port", "0");
        settings.put("spoq.gateway.metrics-port", "0");
        settings.put("spoq.gateway.data-dir", dataDir.toString());
        settings.put("spoq.control-plane.url", controlPlane.toString());
        settings.put("spoq.internal.token", StandInControlPlane.TOKEN);
        settings.putAll(overrides);
        SshGateway gateway = new SshGateway(GatewayConfig.fromMap(settings)).start();
        Path knownHosts = dataDir.resolveSibling(dataDir.getFileName() + "-known_hosts");
        StringBuilder lines = new StringBuilder();
        try (Stream<Path> files = Files.list(dataDir)) {
            for (Path pub : files.filter(p -> p.getFileName().toString().matches("ssh_host_.*_key\\.pub")).sorted().toList()) {
                String[] parts = Files.readString(pub).strip().split("\\s+");
                lines.append("[127.0.0.1]:").append(gateway.port()).append(' ').append(parts[0]).append(' ').append(parts[1]).append('\n');
            }
        }
        Files.writeString(knownHosts, lines);
        return new RunningGateway(gateway, dataDir, knownHosts);
    }

    public OpenSsh client() {
        return OpenSsh.pinned(gateway.port(), knownHosts);
    }

    public SshGateway gateway() {
        return gateway;
    }

    public int port() {
        return gateway.port();
    }

    public Path dataDir() {
        return dataDir;
    }

    public List<String> knownHostsLines() throws IOException {
        return Files.readAllLines(knownHosts);
    }

    @Override
    public void close() throws IOException {
        gateway.close();
    }
}
