package dev.spoq.cloud.gateway.login;

import dev.spoq.cloud.gateway.metrics.GatewayMetrics;
import dev.spoq.cloud.gateway.metrics.GatewayMetrics.AuthFailure;
import dev.spoq.cloud.gateway.routing.ControlPlaneUnavailableException;
import dev.spoq.cloud.gateway.routing.Route;
import dev.spoq.cloud.gateway.routing.Routes;
import dev.spoq.cloud.gateway.upstream.UpstreamPool;
import dev.spoq.cloud.gateway.upstream.UpstreamLink;
import dev.spoq.cloud.gateway.upstream.UpstreamUnavailableException;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.server.session.ServerSession;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Brings an accepted login's upstream session up, on the gateway's threads: waits (polling the route)
 * while the computer is starting, then connects, retrying briefly while a fresh container's sshd comes
 * up. When the computer cannot be reached the link fails with a message for the user, and the session is
 * hung up shortly after, so that even a client without a terminal ({@code ssh -N}) hears why.
 */
public class UpstreamOpener {
    private static final Logger LOG = Logger.getLogger(UpstreamOpener.class.getName());
    /**
     * A new or sleeping computer is up in about a second: look often then (each poll is one cheap route look-up), and
     * less often for one that takes longer, so that many logins waiting at once do not flood the control plane.
     */
    private static final Duration EARLY_POLL_INTERVAL = Duration.ofMillis(50);
    private static final Duration EARLY = Duration.ofSeconds(3);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final int CONNECT_ATTEMPTS = 3;
    private static final Duration CONNECT_RETRY_PAUSE = Duration.ofSeconds(1);
    /** Time for relays to write the reason to the user's stderr before the connection is cut. */
    private static final Duration HANG_UP_DELAY = Duration.ofSeconds(2);

    private final Routes routes;
    private final UpstreamPool pool;
    private final GatewayMetrics metrics;
    private final Duration startWait;
    private final ExecutorService executor;
    private final ScheduledExecutorService timer;

    public UpstreamOpener(Routes routes, UpstreamPool pool, GatewayMetrics metrics, Duration startWait,
            ExecutorService executor, ScheduledExecutorService timer) {
        this.routes = routes;
        this.pool = pool;
        this.metrics = metrics;
        this.startWait = startWait;
        this.executor = executor;
        this.timer = timer;
    }

    /** Where the upstream connections of ended sessions wait for the next login. */
    UpstreamPool pool() {
        return pool;
    }

    void open(ServerSession session, UpstreamLink link, String username, String keyLine) {
        try {
            executor.execute(() -> bringUp(session, link, username, keyLine));
        } catch (RejectedExecutionException shuttingDown) {
            link.failed(new UpstreamUnavailableException(UserMessages.unavailable()));
        }
    }

    private void bringUp(ServerSession session, UpstreamLink link, String username, String keyLine) {
        try {
            Route route = link.route();
            long deadline = System.nanoTime() + startWait.toNanos();
            long lateAfter = System.nanoTime() + EARLY.toNanos();
            while (route instanceof Route.Starting && System.nanoTime() < deadline) {
                if (!pause(System.nanoTime() < lateAfter ? EARLY_POLL_INTERVAL : POLL_INTERVAL) || !session.isOpen()) {
                    return; // the user left
                }
                Optional<Route> refreshed = routes.refresh(username, keyLine);
                if (refreshed.isEmpty()) {
                    computerUnavailable(session, link, UserMessages.deviceRemoved(), "device removed while waiting");
                    return;
                }
                route = refreshed.get();
            }
            if (route instanceof Route.Ready ready) {
                connect(session, link, ready);
            } else if (route instanceof Route.Refused refused) {
                String message = UserMessages.fromControlPlane(refused.message());
                computerUnavailable(session, link, message, UserMessages.oneLine(message));
            } else {
                computerUnavailable(session, link, UserMessages.didNotStart(startWait.toSeconds()), "still starting");
            }
        } catch (ControlPlaneUnavailableException e) {
            metrics.authFailed(AuthFailure.CONTROL_PLANE_UNAVAILABLE);
            LOG.warning("Lost the control plane while " + username + " waited: " + e.getMessage());
            fail(session, link, UserMessages.unavailable(), "control plane unavailable");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Unexpected failure connecting " + username, e);
            fail(session, link, UserMessages.unavailable(), "internal error");
        }
    }

    private void connect(ServerSession session, UpstreamLink link, Route.Ready route) {
        IOException lastFailure = null;
        for (int attempt = 1; attempt <= CONNECT_ATTEMPTS; attempt++) {
            if (!session.isOpen()) {
                return;
            }
            try {
                ClientSession upstream = pool.take(route);
                link.connected(upstream, route);
                metrics.loggedIn();
                LOG.info("Relaying " + route.user() + "@" + route.subdomain() + " for " + session.getRemoteAddress() + " to "
                        + route.host() + ":" + route.port());
                return;
            } catch (IOException e) {
                lastFailure = e;
                if (!refused(e)) {
                    break; // a wrong host key or a refused gateway key does not fix itself in a second
                }
                // a container that has just started may not listen yet: try again briefly
                if (attempt < CONNECT_ATTEMPTS) {
                    pause(CONNECT_RETRY_PAUSE);
                }
            }
        }
        metrics.authFailed(AuthFailure.UPSTREAM_UNAVAILABLE);
        LOG.warning("Cannot reach the computer " + route.subdomain() + " (" + route.host() + ":" + route.port()
                + ") as " + route.user() + ": " + lastFailure);
        fail(session, link, UserMessages.notAnswering(), "computer not answering");
    }

    private void computerUnavailable(ServerSession session, UpstreamLink link, String message, String reason) {
        metrics.authFailed(AuthFailure.COMPUTER_UNAVAILABLE);
        fail(session, link, message, reason);
    }

    private void fail(ServerSession session, UpstreamLink link, String message, String reason) {
        LOG.info("Session of " + session.getUsername() + " from " + session.getRemoteAddress() + " ends: " + reason);
        link.failed(new UpstreamUnavailableException(message));
        timer.schedule(() -> {
            if (session.isOpen()) {
                try {
                    session.disconnect(SshConstants.SSH2_DISCONNECT_BY_APPLICATION, UserMessages.oneLine(message));
                } catch (IOException e) {
                    session.close(true);
                }
            }
        }, HANG_UP_DELAY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static boolean refused(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
    }

    /** False when interrupted (the gateway is stopping). */
    private static boolean pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
