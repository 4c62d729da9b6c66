package dev.spoq.cloud.gateway.sessions;

import dev.spoq.cloud.gateway.metrics.GatewayMetrics;
import dev.spoq.cloud.gateway.routing.ControlPlaneClient;
import dev.spoq.cloud.gateway.routing.ControlPlaneUnavailableException;
import dev.spoq.cloud.gateway.routing.Routes;
import dev.spoq.cloud.gateway.upstream.UpstreamLink;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.server.SshServer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sessions end when access ends: every couple of seconds the gateway asks the control plane, in one call for
 * all of its logged-in sessions, which of their devices have lost access (device or profile removed, the
 * subscription ended, the computer suspended or deleted), and disconnects those sessions with the control
 * plane's words. The sessions come from MINA's own list of open sessions, each carrying the decision that let
 * it in ({@link UpstreamLink}), so there is no second registry to keep in step. A session whose computer
 * connection closes under it is asked about at once ({@link #endIfAccessEnded}).
 *
 * <p>When the control plane does not answer, sessions are kept: an outage of the control plane must not cut
 * every terminal; the next answer decides. The check runs on its own thread at a fixed rate, so a slow
 * answer delays no other work and the next check starts as soon as one is due.
 */
public class AccessRecheck implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AccessRecheck.class.getName());
    /** A session's one question on why its computer went away. */
    private static final AttributeRepository.AttributeKey<CompletableFuture<Boolean>> ASKED = new AttributeRepository.AttributeKey<>();

    private final SshServer server;
    private final ControlPlaneClient controlPlane;
    private final Routes routes;
    private final GatewayMetrics metrics;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gateway-access-recheck");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean controlPlaneAnswered = true;

    public AccessRecheck(SshServer server, ControlPlaneClient controlPlane, Routes routes, GatewayMetrics metrics) {
        this.server = server;
        this.controlPlane = controlPlane;
        this.routes = routes;
        this.metrics = metrics;
    }

    public AccessRecheck start(Duration every) {
        timer.scheduleAtFixedRate(this::checkSafely, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void checkSafely() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The session check failed", e);
        }
    }

    /** One round: ask about every logged-in session's device, end those that lost access. */
    void check() {
        Map<String, List<Session>> byDevice = new LinkedHashMap<>();
        for (Session session : server.getActiveSessions()) {
            UpstreamLink link = UpstreamLink.of(session);
            if (session.isAuthenticated() && session.isOpen() && link != null && link.route().deviceId() != null) {
                byDevice.computeIfAbsent(link.route().deviceId(), id -> new ArrayList<>()).add(session);
            }
        }
        List<String> devices = new ArrayList<>(byDevice.keySet());
        for (int from = 0; from < devices.size(); from += ControlPlaneClient.MAX_DEVICES_PER_CHECK) {
            List<String> batch = devices.subList(from, Math.min(devices.size(), from + ControlPlaneClient.MAX_DEVICES_PER_CHECK));
            Map<String, String> ended;
            try {
                ended = controlPlane.endedSessions(batch);
            } catch (ControlPlaneUnavailableException e) {
                if (controlPlaneAnswered) {
                    LOG.warning("Cannot re-check open sessions, keeping them until the control plane answers: " + e.getMessage());
                }
                controlPlaneAnswered = false;
                return;
            }
            if (!controlPlaneAnswered) {
                LOG.info("The control plane answers session checks again");
                controlPlaneAnswered = true;
            }
            ended.forEach((device, message) -> {
                routes.forgetDevice(device);
                byDevice.getOrDefault(device, List.of()).forEach(s -> end(s, message));
            });
        }
    }

    /**
     * The computer went away under an open session (its connection or a channel closed without a status). When access
     * ended (a suspension stops the computer, often before the next round would see it), the session ends with the
     * words; otherwise {@code otherwise} runs. One question per session, however many of its parts closed.
     */
    public void endIfAccessEnded(Session session, Runnable otherwise) {
        UpstreamLink link = UpstreamLink.of(session);
        String device = link == null ? null : link.route().deviceId();
        if (device == null) {
            otherwise.run();
            return;
        }
        session.computeAttributeIfAbsent(ASKED, key -> askAndEnd(session, device))
                .thenAccept(ended -> {
                    if (!ended) {
                        otherwise.run();
                    }
                });
    }

    /** Completes with whether the session was ended; the call to the control plane is not on MINA's I/O thread. */
    private CompletableFuture<Boolean> askAndEnd(Session session, String device) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                String message = null;
                try {
                    message = controlPlane.endedSessions(List.of(device)).get(device);
                } catch (ControlPlaneUnavailableException | RuntimeException e) {
                    LOG.fine(() -> "No answer on whether the access of " + device + " ended: " + e);
                }
                if (message == null) {
                    return false;
                }
                routes.forgetDevice(device);
                if (!session.isOpen()) {
                    return false;
                }
                end(session, message);
                return true;
            }, timer);
        } catch (RejectedExecutionException stopping) {
            return CompletableFuture.completedFuture(false);
        }
    }

    private void end(Session session, String message) {
        String reason = "Spoq: " + oneLine(message);
        UpstreamLink link = UpstreamLink.of(session);
        LOG.info("Ending the session of " + session.getUsername() + "@" + link.route().subdomain() + " from "
                + session.getRemoteAddress() + ": " + reason);
        metrics.sessionEnded();
        link.accessEnded();
        try {
            session.disconnect(SshConstants.SSH2_DISCONNECT_BY_APPLICATION, reason);
        } catch (IOException e) {
            session.close(true);
        }
    }

    /** A disconnect reason is one line of printable ASCII (the client prints it as it is). */
    private static String oneLine(String message) {
        String line = message == null ? "" : message.replaceAll("[^\\x20-\\x7e]+", " ").strip();
        line = line.isEmpty() ? "Your access to this Spoq computer has ended." : line;
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
