package dev.spoq.cloud.gateway;

import dev.spoq.cloud.gateway.hostkeys.HostKeys;
import dev.spoq.cloud.gateway.limits.AccountConnections;
import dev.spoq.cloud.gateway.limits.BudgetedConnectionService;
import dev.spoq.cloud.gateway.limits.ChannelBudget;
import dev.spoq.cloud.gateway.limits.ConnectionLimiter;
import dev.spoq.cloud.gateway.limits.LimitingSessionFactory;
import dev.spoq.cloud.gateway.login.DeviceKeyAuthenticator;
import dev.spoq.cloud.gateway.login.Signatures;
import dev.spoq.cloud.gateway.login.LoginGate;
import dev.spoq.cloud.gateway.login.PairingAwareUserAuthService;
import dev.spoq.cloud.gateway.login.PairingCodeAuthenticator;
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
import dev.spoq.cloud.gateway.sessions.AccessRecheck;
import dev.spoq.cloud.gateway.upstream.UpstreamConnector;
import dev.spoq.cloud.gateway.upstream.UpstreamKey;
import dev.spoq.cloud.gateway.upstream.UpstreamPool;
import org.apache.sshd.common.session.SessionHeartbeatController;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.keyboard.UserAuthKeyboardInteractiveFactory;
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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * The gateway, put together: MINA's SSH server with publickey-only authentication that routes by
 * (login name, key), relays to the user's container, limits abuse, and reports metrics.
 */
public final class SshGateway implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SshGateway.class.getName());
    private static final int NIO_WORKERS = Math.max(8, 2 * Runtime.getRuntime().availableProcessors());
    /** I/O threads that may wait for a route look-up at once: the other half always carries users' bytes. */
    private static final int NIO_WORKERS_FOR_LOOKUPS = NIO_WORKERS / 2;
    private static final Duration LOOKUP_WAIT = Duration.ofSeconds(2);
    private static final int RELAY_THREAD_MARGIN = 64;

    private final GatewayConfig config;
    private final GatewayMetrics metrics = new GatewayMetrics();
    private final ExecutorService logins = Executors.newCachedThreadPool(named("gateway-login"));
    private final ExecutorService pumps;
    /** Route requests to the control plane, on behalf of the I/O threads that wait (boundedly) for them. */
    private final ThreadPoolExecutor routeRequests;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(named("gateway-timer"));
    private SshServer server;
    private UpstreamConnector upstream;
    private UpstreamPool upstreams;
    private MetricsEndpoint metricsEndpoint;
    private ConnectionLimiter limiter;
    private AccessRecheck accessRecheck;

    public SshGateway(GatewayConfig config) {
        this.config = config;
        // bounded by the channel budget, which hands out exactly this many threads; the margin covers pumps
        // that are still finishing after their channel closed and gave its threads back
        this.pumps = new ThreadPoolExecutor(0, config.limits().maxRelayThreads() + RELAY_THREAD_MARGIN, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), named("gateway-relay"));
        this.routeRequests = new ThreadPoolExecutor(NIO_WORKERS, NIO_WORKERS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(64), named("gateway-route"));
        routeRequests.allowCoreThreadTimeOut(true);
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
        Routes routes = new Routes(controlPlane, config.routeCacheTtl(), routeRequests, NIO_WORKERS_FOR_LOOKUPS, LOOKUP_WAIT);
        upstream = new UpstreamConnector(upstreamKey);
        upstreams = new UpstreamPool(upstream, logins, timer);
        UpstreamOpener opener = new UpstreamOpener(routes, upstreams, metrics, config.startWait(), logins, timer);
        server = SshServer.setUpDefaultServer();
        AccessRecheck recheck = new AccessRecheck(server, controlPlane, routes, metrics);
        LoginGate gate = new LoginGate(routes, controlPlane, opener, metrics, logins, recheck::endIfAccessEnded);
        RelayContext relay = new RelayContext(pumps, metrics, recheck::endIfAccessEnded);
        limiter = new ConnectionLimiter(config.limits(), metrics);

        server.setHost(config.bindAddress());
        server.setPort(config.port());
        server.setKeyPairProvider(hostKeys.provider());
        server.setSignatureFactories(Signatures.accepted());
        // AES only (GCM, then CTR): MINA's ChaCha20-Poly1305 is its own Java code, AES runs on the JDK's intrinsics,
        // and the client's order decides (see Crypto.userCiphers)
        server.setCipherFactories(Crypto.userCiphers());
        server.setMacFactories(Crypto.macs());
        Crypto.sizeChannels(server);

        // keyboard-interactive only asks a proved key's pairing code (see PairingAwareUserAuthService)
        server.setUserAuthFactories(List.of(new RoutedPublicKeyAuthFactory(gate), UserAuthKeyboardInteractiveFactory.INSTANCE));
        server.setPublickeyAuthenticator(new DeviceKeyAuthenticator(routes, metrics, upstreams));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(new PairingCodeAuthenticator(gate));
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
        server.addSessionListener(new AccountConnections(config.limits().maxConnectionsPerAccount(), metrics, timer));
        ChannelBudget channels = new ChannelBudget(config.limits().maxChannelsPerAccount(), config.limits().maxRelayThreads());
        // the login service knows about pairing; the connection service holds each account to its channel budget
        server.setServiceFactories(List.of(new PairingAwareUserAuthService.Factory(), BudgetedConnectionService.factory(channels, metrics)));
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
        // route look-ups run on the I/O threads (MINA asks synchronously): Routes lets only half of them wait
        CoreModuleProperties.NIO_WORKERS.set(server, NIO_WORKERS);
        server.start();
        accessRecheck = recheck.start(config.sessionCheckInterval());

        metricsEndpoint = new MetricsEndpoint(config.metricsBindAddress(), config.metricsPort(), metrics);
        LOG.info("Spoq SSH gateway listening on " + config.bindAddress() + ":" + port() + ", metrics on "
                + config.metricsBindAddress() + ":" + metricsPort()
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

    /** The upstream connections waiting for the next login. */
    public UpstreamPool upstreams() {
        return upstreams;
    }

    public int unauthenticatedConnections() {
        return limiter.unauthenticated();
    }

    @Override
    public void close() throws IOException {
        if (accessRecheck != null) {
            accessRecheck.close();
        }
        if (metricsEndpoint != null) {
            metricsEndpoint.close();
        }
        if (server != null) {
            server.stop(true);
        }
        if (upstreams != null) {
            upstreams.close();
        }
        if (upstream != null) {
            upstream.close();
        }
        logins.shutdownNow();
        timer.shutdownNow();
        pumps.shutdownNow();
        routeRequests.shutdownNow();
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
