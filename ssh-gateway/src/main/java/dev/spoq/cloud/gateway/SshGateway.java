package dev.spoq.cloud.gateway;

import dev.spoq.cloud.gateway.hostkeys.HostKeys;
import dev.spoq.cloud.gateway.limits.ConnectionLimiter;
import dev.spoq.cloud.gateway.limits.LimitingSessionFactory;
import dev.spoq.cloud.gateway.login.DeviceKeyAuthenticator;
import dev.spoq.cloud.gateway.login.Signatures;
import dev.spoq.cloud.gateway.login.LoginGate;
import dev.spoq.cloud.gateway.login.UpstreamOpener;
import dev.spoq.cloud.gateway.login.RoutedPublicKeyAuthFactory;
import dev.spoq.cloud.gateway.metrics.GatewayMetrics;
import dev.spoq.cloud.gateway.metrics.MetricsEndpoint;
import dev.spoq.cloud.gateway.relay.DirectTcpipRelayFactory;
import dev.spoq.cloud.gateway.relay.RelayCommands;
import dev.spoq.cloud.gateway.relay.RelayContext;
import dev.spoq.cloud.gateway.relay.RelaySessionChannelFactory;
import dev.spoq.cloud.gateway.routing.ControlPlaneClient;
import dev.spoq.cloud.gateway.routing.Routes;
import dev.spoq.cloud.gateway.upstream.UpstreamConnector;
import dev.spoq.cloud.gateway.upstream.UpstreamKey;
import org.apache.sshd.common.session.SessionHeartbeatController;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * The gateway, put together: MINA's SSH server with publickey-only authentication that routes by
 * (login name, key), relays to the user's container, limits abuse, and reports metrics.
 */
public final class SshGateway implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SshGateway.class.getName());

    private final GatewayConfig config;
    private final GatewayMetrics metrics = new GatewayMetrics();
    private final ExecutorService logins = Executors.newCachedThreadPool(named("gateway-login"));
    private final ExecutorService pumps = Executors.newCachedThreadPool(named("gateway-relay"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(named("gateway-timer"));
    private SshServer server;
    private UpstreamConnector upstream;
    private MetricsEndpoint metricsEndpoint;
    private ConnectionLimiter limiter;

    public SshGateway(GatewayConfig config) {
        this.config = config;
    }

    /** Loads or creates the keys, then listens. */
    public SshGateway start() throws IOException, GeneralSecurityException {
        if (!Files.isDirectory(config.dataDir())) {
            // private keys live here: only the gateway's user may look inside
            Files.createDirectories(config.dataDir(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        HostKeys hostKeys = HostKeys.loadOrCreate(config.dataDir());
        KeyPair upstreamKey = UpstreamKey.loadOrCreate(config.dataDir(), config.upstreamPublicKeyFile());

        ControlPlaneClient controlPlane = new ControlPlaneClient(config.controlPlaneUrl(), config.internalToken());
        Routes routes = new Routes(controlPlane, config.routeCacheTtl());
        upstream = new UpstreamConnector(upstreamKey);
        UpstreamOpener opener = new UpstreamOpener(routes, upstream, metrics, config.startWait(), logins, timer);
        LoginGate gate = new LoginGate(routes, controlPlane, opener, metrics, logins);
        RelayContext relay = new RelayContext(pumps, metrics);
        limiter = new ConnectionLimiter(config.limits(), metrics);

        server = SshServer.setUpDefaultServer();
        server.setHost(config.bindAddress());
        server.setPort(config.port());
        server.setKeyPairProvider(hostKeys.provider());
        server.setSignatureFactories(Signatures.accepted());

        server.setUserAuthFactories(List.of(new RoutedPublicKeyAuthFactory(gate)));
        server.setPublickeyAuthenticator(new DeviceKeyAuthenticator(routes, metrics));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setGSSAuthenticator(null);
        server.setHostBasedAuthenticator(null);

        server.setChannelFactories(List.of(new RelaySessionChannelFactory(), new DirectTcpipRelayFactory(relay)));
        server.setShellFactory(RelayCommands.shell(relay));
        server.setCommandFactory(RelayCommands.exec(relay));
        server.setSubsystemFactories(RelayCommands.subsystems(relay));
        // no remote forwarding (-R), agent or X11 forwarding (this filter refuses all three); local forwarding (-L)
        // does not consult it: the direct-tcpip relay above opens it in the container, never from the gateway
        server.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);

        server.setSessionFactory(new LimitingSessionFactory(server, limiter));
        server.addSessionListener(limiter);
        CoreModuleProperties.MAX_AUTH_REQUESTS.set(server, config.limits().maxAuthAttempts());
        CoreModuleProperties.AUTH_TIMEOUT.set(server, config.limits().loginGraceTime());
        // each relayed channel holds two or three threads: one connection must not be able to start thousands
        CoreModuleProperties.MAX_CONCURRENT_CHANNELS.set(server, config.limits().maxChannelsPerConnection());
        // a quiet terminal is not a dead one: no idle cut; keepalive packets keep NAT mappings open
        CoreModuleProperties.IDLE_TIMEOUT.set(server, Duration.ZERO);
        server.setSessionHeartbeat(SessionHeartbeatController.HeartbeatType.IGNORE, Duration.ofSeconds(30));
        CoreModuleProperties.SOCKET_KEEPALIVE.set(server, true);
        CoreModuleProperties.TCP_NODELAY.set(server, true);
        CoreModuleProperties.SERVER_IDENTIFICATION.set(server, "SpoqGateway");
        // route look-ups run on the I/O threads (MINA asks synchronously); more threads keep a slow control plane
        // from stalling everyone
        CoreModuleProperties.NIO_WORKERS.set(server, Math.max(8, 2 * Runtime.getRuntime().availableProcessors()));
        server.start();

        metricsEndpoint = new MetricsEndpoint(config.bindAddress(), config.metricsPort(), metrics);
        LOG.info("Spoq SSH gateway listening on " + config.bindAddress() + ":" + port() + ", metrics on :" + metricsPort()
                + "/metrics, control plane " + config.controlPlaneUrl());
        return this;
    }

    public int port() {
        return server.getPort();
    }

    public int metricsPort() {
        return metricsEndpoint.port();
    }

    public GatewayMetrics metrics() {
        return metrics;
    }

    public int unauthenticatedConnections() {
        return limiter.unauthenticated();
    }

    @Override
    public void close() throws IOException {
        if (metricsEndpoint != null) {
            metricsEndpoint.close();
        }
        if (server != null) {
            server.stop(true);
        }
        if (upstream != null) {
            upstream.close();
        }
        logins.shutdownNow();
        timer.shutdownNow();
        pumps.shutdownNow();
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
