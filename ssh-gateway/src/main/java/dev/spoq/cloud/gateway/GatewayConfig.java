package dev.spoq.cloud.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The gateway's settings. Each key is read from a system property, else from the environment in its
 * upper-case form with {@code _} for {@code .} and {@code -} (the same rule as MicroProfile Config in the
 * control plane, so one name works everywhere), else its default.
 */
public record GatewayConfig(
        String bindAddress,
        int port,
        int metricsPort,
        Path dataDir,
        URI controlPlaneUrl,
        String internalToken,
        Path upstreamPublicKeyFile,
        Duration routeCacheTtl,
        Duration startWait,
        Limits limits,
        String metricsBindAddress,
        Duration sessionCheckInterval) {

    /** Bounds that make abuse cost the abuser, not the other users. */
    public record Limits(
            int connectionsPerMinutePerAddress,
            int maxUnauthenticated,
            int maxUnauthenticatedPerAddress,
            int maxAuthAttempts,
            Duration loginGraceTime,
            int maxChannelsPerConnection,
            int maxUnauthenticatedPerAddressWhenBusy,
            int maxConnectionsPerAccount,
            int maxChannelsPerAccount,
            int maxRelayThreads) {
    }

    /** Reads every key from system properties and the environment. */
    public static GatewayConfig fromSystem() {
        return from(key -> Optional.ofNullable(System.getProperty(key))
                .or(() -> Optional.ofNullable(System.getenv(environmentName(key))))
                .orElse(null));
    }

    /** Reads every key from the given map only (tests, embedding). */
    public static GatewayConfig fromMap(Map<String, String> values) {
        Map<String, String> copy = new HashMap<>(values);
        return from(copy::get);
    }

    static GatewayConfig from(Function<String, String> source) {
        Settings s = new Settings(source);
        Path home = Path.of(System.getProperty("user.home"));
        Path dataDir = Path.of(s.string("spoq.gateway.data-dir", home.resolve(".spoq/gateway").toString()));
        Duration cacheTtl = Duration.ofMillis(s.integer("spoq.gateway.route-cache-millis", 3000));
        if (cacheTtl.compareTo(Duration.ofSeconds(3)) > 0) {
            // a removed device must be refused within 5 s: a longer cache would break that promise
            throw new IllegalArgumentException("spoq.gateway.route-cache-millis must be at most 3000");
        }
        Duration sessionCheck = Duration.ofMillis(s.integer("spoq.gateway.session-check-millis", 2000));
        if (sessionCheck.compareTo(Duration.ofSeconds(3)) > 0 || sessionCheck.isNegative() || sessionCheck.isZero()) {
            // a removed device's open sessions must end within 5 s: one interval plus one answer must fit
            throw new IllegalArgumentException("spoq.gateway.session-check-millis must be between 1 and 3000");
        }
        return new GatewayConfig(
                s.string("spoq.gateway.bind-address", "0.0.0.0"),
                s.integer("spoq.gateway.port", 2222),
                s.integer("spoq.gateway.metrics-port", 9190),
                dataDir,
                URI.create(stripTrailingSlash(s.string("spoq.control-plane.url", "http://127.0.0.1:9080"))),
                internalToken(s, home),
                Path.of(s.string("spoq.gateway.upstream-public-key-file", dataDir.resolve("upstream_ed25519.pub").toString())),
                cacheTtl,
                Duration.ofSeconds(s.integer("spoq.gateway.start-wait-seconds", 60)),
                new Limits(
                        s.integer("spoq.gateway.limits.connections-per-minute-per-address", 30),
                        s.integer("spoq.gateway.limits.max-unauthenticated", 1000),
                        s.integer("spoq.gateway.limits.max-unauthenticated-per-address", 10),
                        s.integer("spoq.gateway.limits.max-auth-attempts", 6),
                        Duration.ofSeconds(s.integer("spoq.gateway.limits.login-grace-seconds", 30)),
                        s.integer("spoq.gateway.limits.max-channels-per-connection", 64),
                        s.integer("spoq.gateway.limits.max-unauthenticated-per-address-when-busy", 2),
                        s.integer("spoq.gateway.limits.max-connections-per-account", 16),
                        s.integer("spoq.gateway.limits.max-channels-per-account", 32),
                        s.integer("spoq.gateway.limits.max-relay-threads", 2048)),
                // operators only: Prometheus reaches it on an internal network, never the public interface
                s.string("spoq.gateway.metrics-bind-address", "127.0.0.1"),
                sessionCheck);
    }

    /** {@code spoq.gateway.data-dir} becomes {@code SPOQ_GATEWAY_DATA_DIR}. */
    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static String internalToken(Settings s, Path home) {
        String token = s.string("spoq.internal.token", null);
        if (token != null && !token.isBlank()) {
            return token.strip();
        }
        Path file = Path.of(s.string("spoq.internal.token-file", home.resolve(".spoq/internal-token").toString()));
        try {
            String fromFile = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (fromFile.isEmpty()) {
                throw new IllegalStateException("The internal token file " + file + " is empty");
            }
            return fromFile;
        } catch (IOException e) {
            throw new UncheckedIOException("No spoq.internal.token set and the token file " + file
                    + " cannot be read (the control plane writes it at its first start)", e);
        }
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Hides the token so that printing the configuration never leaks it. */
    @Override
    public String toString() {
        return "GatewayConfig[bind=" + bindAddress + ":" + port + ", metrics=" + metricsBindAddress + ":" + metricsPort
                + ", dataDir=" + dataDir
                + ", controlPlane=" + controlPlaneUrl + ", upstreamPublicKeyFile=" + upstreamPublicKeyFile
                + ", routeCacheTtl=" + routeCacheTtl + ", sessionCheck=" + sessionCheckInterval + ", startWait=" + startWait
                + ", limits=" + limits + "]";
    }

    private record Settings(Function<String, String> source) {
        String string(String key, String fallback) {
            String value = source.apply(key);
            return value == null || value.isBlank() ? fallback : value.strip();
        }

        int integer(String key, int fallback) {
            String value = string(key, null);
            if (value == null) {
                return fallback;
            }
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a whole number, not '" + value + "'", e);
            }
        }
    }
}
