package dev.spoq.cloud.gateway.limits;

import dev.spoq.cloud.gateway.GatewayConfig;
import dev.spoq.cloud.gateway.metrics.GatewayMetrics;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Turns away connections that break the per-address rate or the bounds on unauthenticated connections,
 * right at accept time ({@link LimitingSessionFactory}): the socket is closed before the gateway sends its
 * version line or does any cryptography, so a flood costs the flooder and not the users already connected.
 *
 * <p>A connection counts as unauthenticated from accept until it authenticates or closes. Counting is by
 * source: an IPv4 address, or an IPv6 /64 ({@link SourceNetwork}). The global bound is far above one
 * source's share, and once half of it is taken each source may hold only a few more, so that filling it
 * takes hundreds of sources, each of which must keep reconnecting as the login grace time ends its slots.
 */
public class ConnectionLimiter implements SessionListener {
    private static final Logger LOG = Logger.getLogger(ConnectionLimiter.class.getName());
    private static final AttributeRepository.AttributeKey<AtomicBoolean> COUNTED_UNAUTHENTICATED = new AttributeRepository.AttributeKey<>();

    private final RecentConnections recent;
    private final int maxUnauthenticated;
    private final int maxUnauthenticatedPerAddress;
    private final int maxUnauthenticatedPerAddressWhenBusy;
    private final GatewayMetrics metrics;
    private final AtomicInteger unauthenticated = new AtomicInteger();
    private final Map<InetAddress, AtomicInteger> unauthenticatedByAddress = new ConcurrentHashMap<>();

    public ConnectionLimiter(GatewayConfig.Limits limits, GatewayMetrics metrics) {
        this.recent = new RecentConnections(limits.connectionsPerMinutePerAddress());
        this.maxUnauthenticated = limits.maxUnauthenticated();
        this.maxUnauthenticatedPerAddress = limits.maxUnauthenticatedPerAddress();
        this.maxUnauthenticatedPerAddressWhenBusy = Math.min(limits.maxUnauthenticatedPerAddress(),
                limits.maxUnauthenticatedPerAddressWhenBusy());
        this.metrics = metrics;
    }

    // ---- accept time: refuse before any SSH work ----

    /** Throws when a new connection from {@code remote} is one too many. */
    void admit(SocketAddress remote) throws IOException {
        InetAddress address = sourceOf(remote);
        if (address == null) {
            return;
        }
        if (!recent.tryAcquire(address)) {
            metrics.connectionRejected(GatewayMetrics.Rejection.RATE_LIMIT);
            LOG.fine(() -> "Refused a connection from " + address + ": too many new connections in the last minute");
            throw new IOException("Too many new connections from " + address);
        }
        int held = unauthenticated.get();
        int share = held >= maxUnauthenticated / 2 ? maxUnauthenticatedPerAddressWhenBusy : maxUnauthenticatedPerAddress;
        if (held >= maxUnauthenticated || countOf(address) >= share) {
            metrics.connectionRejected(GatewayMetrics.Rejection.UNAUTHENTICATED_LIMIT);
            LOG.fine(() -> "Refused a connection from " + address + ": too many connections not yet logged in");
            throw new IOException("Too many unauthenticated connections from " + address);
        }
    }

    // ---- session life: count unauthenticated connections ----

    @Override
    public void sessionCreated(Session session) {
        metrics.connectionOpened();
        InetAddress address = sourceOf(session.getRemoteAddress());
        unauthenticated.incrementAndGet();
        if (address != null) {
            unauthenticatedByAddress.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
        }
        session.setAttribute(COUNTED_UNAUTHENTICATED, new AtomicBoolean(true));
    }

    @Override
    public void sessionEvent(Session session, Event event) {
        if (event == Event.Authenticated) {
            release(session);
        }
    }

    @Override
    public void sessionClosed(Session session) {
        release(session);
        metrics.connectionClosed();
    }

    /** Connections not yet logged in, for tests and diagnostics. */
    public int unauthenticated() {
        return unauthenticated.get();
    }

    private void release(Session session) {
        AtomicBoolean counted = session.getAttribute(COUNTED_UNAUTHENTICATED);
        if (counted == null || !counted.compareAndSet(true, false)) {
            return;
        }
        unauthenticated.decrementAndGet();
        InetAddress address = sourceOf(session.getRemoteAddress());
        if (address != null) {
            unauthenticatedByAddress.computeIfPresent(address, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
        }
    }

    private int countOf(InetAddress address) {
        AtomicInteger n = unauthenticatedByAddress.get(address);
        return n == null ? 0 : n.get();
    }

    private static InetAddress sourceOf(SocketAddress socketAddress) {
        return socketAddress instanceof InetSocketAddress inet && inet.getAddress() != null ? SourceNetwork.of(inet.getAddress()) : null;
    }
}
