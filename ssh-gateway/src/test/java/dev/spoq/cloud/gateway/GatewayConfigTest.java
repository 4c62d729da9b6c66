package dev.spoq.cloud.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GatewayConfigTest {
    @TempDir
    Path dir;

    @Test
    void environmentNamesAreUpperCaseWithUnderscores() {
        assertEquals("SPOQ_GATEWAY_DATA_DIR", GatewayConfig.environmentName("spoq.gateway.data-dir"));
        assertEquals("SPOQ_CONTROL_PLANE_URL", GatewayConfig.environmentName("spoq.control-plane.url"));
    }

    @Test
    void defaultsAndTheTokenFile() throws Exception {
        Path token = Files.writeString(dir.resolve("internal-token"), "  from-the-file\n");
        GatewayConfig config = GatewayConfig.fromMap(Map.of(
                "spoq.internal.token-file", token.toString(),
                "spoq.gateway.data-dir", dir.resolve("data").toString()));
        assertEquals(2222, config.port());
        assertEquals(9190, config.metricsPort());
        assertEquals("0.0.0.0", config.bindAddress());
        assertEquals("http://127.0.0.1:9080", config.controlPlaneUrl().toString());
        assertEquals("from-the-file", config.internalToken());
        assertEquals(dir.resolve("data/upstream_ed25519.pub"), config.upstreamPublicKeyFile());
        assertEquals(30, config.limits().connectionsPerMinutePerAddress());
        assertEquals(6, config.limits().maxAuthAttempts());
        assertEquals("127.0.0.1", config.metricsBindAddress(), "the metrics port is for operators only");
        assertEquals(java.time.Duration.ofSeconds(2), config.sessionCheckInterval());
        assertEquals(1000, config.limits().maxUnauthenticated());
        assertEquals(16, config.limits().maxConnectionsPerAccount());
        assertEquals(32, config.limits().maxChannelsPerAccount());
        assertFalse(config.toString().contains("from-the-file"), "the token never appears in logs");
    }

    @Test
    void refusesToStartWithoutAToken() {
        assertThrows(RuntimeException.class, () -> GatewayConfig.fromMap(Map.of(
                "spoq.internal.token-file", dir.resolve("missing").toString())));
    }

    @Test
    void aSessionCheckRarerThanEveryThreeSecondsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> GatewayConfig.fromMap(Map.of(
                "spoq.internal.token", "t", "spoq.gateway.session-check-millis", "5000")));
    }

    @Test
    void aRouteCacheLongerThanThreeSecondsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> GatewayConfig.fromMap(Map.of(
                "spoq.internal.token", "t", "spoq.gateway.route-cache-millis", "10000")));
    }
}
