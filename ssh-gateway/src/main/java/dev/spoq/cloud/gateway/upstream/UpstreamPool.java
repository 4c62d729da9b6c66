package dev.spoq.cloud.gateway.upstream;

import dev.spoq.cloud.gateway.routing.Route;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.helpers.AbstractConnectionService;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Upstream SSH connections kept ready, per computer and Linux login. A new TCP connection, key exchange and
 * public-key login to a computer's sshd (which forks and re-executes itself for each) is most of what the gateway
 * adds to a login; here it is paid ahead or not at all:
 * <ul>
 *   <li>{@link #warm}: when a device key is offered for a computer that is ready, the connection is opened while the
 *   user's own authentication goes on (at most one such opening per computer and login at a time);</li>
 *   <li>{@link #giveBack}: when a user's session ends normally, its upstream connection, with no channel left open,
 *   waits {@link #IDLE_KEEP} for the next login of the same profile to the same computer.</li>
 * </ul>
 * A connection is only ever used by one user connection at a time (the container's sshd limits sessions per
 * connection; the relay keeps its one-to-one ends), and only for exactly the same computer (address, port and
 * recorded host keys) and the same Linux login: it carries nothing of the previous session but the gateway's own
 * authentication as that login. Whether a user may use it at all is decided, as before, by the control plane's answer
 * for the user's key, before {@link #take} is called.
 */
public final class UpstreamPool implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(UpstreamPool.class.getName());
    /** How long a connection with no user waits for the next login. */
    static final Duration IDLE_KEEP = Duration.ofSeconds(30);
    static final int MAX_IDLE_PER_TARGET = 2;
    /**
     * A login waits this long for a connection being opened ahead for it before opening its own: as long as its own
     * would be given (the connector's connect and auth timeouts), since a second opening would only compete with the first.
     */
    private static final Duration WARM_WAIT = UpstreamConnector.CONNECT_TIMEOUT.plus(UpstreamConnector.AUTH_TIMEOUT);
    private static final int MAX_IDLE_TOTAL = 2000;

    /** What a connection is good for: the same computer, presenting the same host keys, as the same login. */
    record Target(String host, int port, String user, List<String> hostKeys) {
        static Target of(Route.Ready route) {
            return new Target(route.host(), route.port(), route.user(), route.hostKeys() == null ? List.of() : List.copyOf(route.hostKeys()));
        }
    }

    private final UpstreamConnector connector;
    private final Executor executor;
    private final ScheduledExecutorService timer;
    private final Map<Target, Deque<ClientSession>> idle = new ConcurrentHashMap<>();
    private final Map<Target, CompletableFuture<ClientSession>> warming = new ConcurrentHashMap<>();
    private final AtomicLong idleCount = new AtomicLong();
    private final AtomicLong reused = new AtomicLong();
    private volatile boolean closed;

    public UpstreamPool(UpstreamConnector connector, Executor executor, ScheduledExecutorService timer) {
        this.connector = connector;
        this.executor = executor;
        this.timer = timer;
    }

    /** Opens a connection ahead for {@code route}, unless one is waiting or being opened already. Never blocks. */
    public void warm(Route.Ready route) {
        Target target = Target.of(route);
        if (closed || hasIdle(target) || idleCount.get() >= MAX_IDLE_TOTAL) {
            return;
        }
        CompletableFuture<ClientSession> opening = new CompletableFuture<>();
        if (warming.putIfAbsent(target, opening) != null) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    ClientSession session = connector.connect(route);
                    offer(target, session);
                    opening.complete(session);
                } catch (IOException | RuntimeException e) {
                    LOG.fine(() -> "Could not open an upstream connection ahead to " + route.subdomain() + ": " + e);
                    opening.completeExceptionally(e);
                } finally {
                    warming.remove(target, opening);
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            warming.remove(target, opening);
        }
    }

    /**
     * An open connection for a login that the control plane let in: a waiting one, the one being opened ahead for it,
     * or a new one. Blocks (connect and auth timeouts); never on MINA's I/O threads.
     */
    public ClientSession take(Route.Ready route) throws IOException {
        Target target = Target.of(route);
        ClientSession ready = pollIdle(target);
        if (ready != null) {
            return ready;
        }
        CompletableFuture<ClientSession> opening = warming.get(target);
        if (opening != null) {
            try {
                opening.get(WARM_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while waiting for the upstream connection");
            } catch (ExecutionException | TimeoutException e) {
                // opening ahead failed or is slow: open our own below, with its own errors for the user
            }
            ready = pollIdle(target);
            if (ready != null) {
                return ready;
            }
        }
        return connector.connect(route);
    }

    /**
     * The user's connection that used {@code session} has ended. A healthy connection whose channels have all closed
     * waits for the next login; anything else is closed. Channels of the ended session may take a moment to close.
     */
    public void giveBack(Route.Ready route, ClientSession session) {
        giveBack(Target.of(route), session, 10);
    }

    private void giveBack(Target target, ClientSession session, int checksLeft) {
        if (closed || !session.isOpen() || session.isClosing()) {
            session.close(false);
            return;
        }
        if (openChannels(session) > 0) {
            if (checksLeft <= 0) {
                session.close(false);
                return;
            }
            try {
                timer.schedule(() -> giveBack(target, session, checksLeft - 1), 100, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                session.close(true);
            }
            return;
        }
        offer(target, session);
    }

    /** How many upstream connections wait for a login now. */
    public long idleConnections() {
        return idleCount.get();
    }

    /** How many logins were given a connection that was already open. */
    public long reusedConnections() {
        return reused.get();
    }

    private static int openChannels(ClientSession session) {
        ConnectionService service = session.getService(ConnectionService.class);
        return service instanceof AbstractConnectionService connections ? connections.getChannels().size() : Integer.MAX_VALUE;
    }

    private boolean hasIdle(Target target) {
        Deque<ClientSession> waiting = idle.get(target);
        if (waiting == null) {
            return false;
        }
        synchronized (waiting) {
            return !waiting.isEmpty();
        }
    }

    private void offer(Target target, ClientSession session) {
        Deque<ClientSession> waiting = idle.computeIfAbsent(target, t -> new ArrayDeque<>());
        synchronized (waiting) {
            if (closed || waiting.size() >= MAX_IDLE_PER_TARGET || idleCount.get() >= MAX_IDLE_TOTAL) {
                session.close(false);
                return;
            }
            waiting.addLast(session);
            idleCount.incrementAndGet();
        }
        // gone from the pool when it closes (the container stopped) or when nobody took it in time
        session.addCloseFutureListener(done -> remove(target, session));
        try {
            timer.schedule(() -> {
                if (remove(target, session)) {
                    session.close(false);
                }
            }, IDLE_KEEP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            remove(target, session);
            session.close(true);
        }
    }

    private boolean remove(Target target, ClientSession session) {
        Deque<ClientSession> waiting = idle.get(target);
        if (waiting == null) {
            return false;
        }
        synchronized (waiting) {
            boolean removed = waiting.remove(session);
            if (removed) {
                idleCount.decrementAndGet();
            }
            if (waiting.isEmpty()) {
                idle.remove(target, waiting);
            }
            return removed;
        }
    }

    private ClientSession pollIdle(Target target) {
        while (true) {
            Deque<ClientSession> waiting = idle.get(target);
            if (waiting == null) {
                return null;
            }
            ClientSession session;
            synchronized (waiting) {
                session = waiting.pollFirst();
                if (session == null) {
                    idle.remove(target, waiting);
                    return null;
                }
                idleCount.decrementAndGet();
            }
            if (session.isOpen() && !session.isClosing()) {
                reused.incrementAndGet();
                return session;
            }
            session.close(true);
        }
    }

    @Override
    public void close() {
        closed = true;
        idle.values().forEach(waiting -> {
            synchronized (waiting) {
                waiting.forEach(session -> session.close(true));
                waiting.clear();
            }
        });
        idle.clear();
    }
}
