package dev.spoq.cloud.gateway.login;

import dev.spoq.cloud.gateway.metrics.GatewayMetrics;
import dev.spoq.cloud.gateway.metrics.GatewayMetrics.AuthFailure;
import dev.spoq.cloud.gateway.routing.ControlPlaneClient;
import dev.spoq.cloud.gateway.routing.ControlPlaneUnavailableException;
import dev.spoq.cloud.gateway.routing.Route;
import dev.spoq.cloud.gateway.routing.Routes;
import dev.spoq.cloud.gateway.upstream.UpstreamLink;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.session.ServerSession;

import java.io.IOException;
import java.security.PublicKey;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.logging.Logger;

/**
 * The last step of a login, once the key's signature is verified and before success is sent: does the
 * control plane's decision let the user in? While the answer is still "not yet authenticated", the gateway
 * may speak to the user through SSH banners (which OpenSSH prints on stderr), so this is where a user reads
 * the control plane's words: that the computer is starting, a notice, or why the login is refused. Only
 * quick work happens here, on MINA's I/O thread (MINA 2.20 allows asynchronous public-key authentication
 * no more): the route comes from the cache the key query just filled, and opening the upstream
 * connection, or waiting for a starting computer, happens afterwards on the gateway's own threads
 * ({@link UpstreamOpener}).
 */
public class LoginGate {
    private static final Logger LOG = Logger.getLogger(LoginGate.class.getName());

    private final Routes routes;
    private final ControlPlaneClient controlPlane;
    private final UpstreamOpener opener;
    private final GatewayMetrics metrics;
    private final Executor background;

    public LoginGate(Routes routes, ControlPlaneClient controlPlane, UpstreamOpener opener, GatewayMetrics metrics,
            Executor background) {
        this.routes = routes;
        this.controlPlane = controlPlane;
        this.opener = opener;
        this.metrics = metrics;
        this.background = background;
    }

    /** True lets the user in (the upstream follows); false refuses, after a banner that says why. */
    boolean admit(ServerSession session, String username, PublicKey key) {
        String keyLine = PublicKeyEntry.toString(key);
        Route route;
        try {
            Optional<Route> found = routes.find(username, keyLine);
            if (found.isEmpty()) {
                metrics.authFailed(AuthFailure.UNKNOWN_KEY); // removed between the key query and the signature
                return false;
            }
            route = found.get();
        } catch (ControlPlaneUnavailableException e) {
            metrics.authFailed(AuthFailure.CONTROL_PLANE_UNAVAILABLE);
            LOG.warning("Cannot finish the login of " + username + ": " + e.getMessage());
            return refuse(session, username, UserMessages.unavailable(), "control plane unavailable");
        }

        if (!(route instanceof Route.Admitted admitted)) {
            String message = UserMessages.fromControlPlane(route.message());
            return refuseComputer(session, username, message, UserMessages.oneLine(message));
        }
        if (admitted.message() != null && !admitted.message().isBlank()) {
            // a notice on ready (a failed payment), or "starting" (the shell comes once the computer is up)
            banner(session, UserMessages.fromControlPlane(admitted.message()));
        }
        UpstreamLink link = UpstreamLink.attach(session, admitted);
        opener.open(session, link, username, keyLine);
        controlPlane.connected(admitted.deviceId());
        LOG.info("Login " + username + "@" + admitted.subdomain() + " from " + session.getRemoteAddress() + " with "
                + KeyUtils.getFingerPrint(key) + " (" + (admitted instanceof Route.Ready ? "ready" : "starting") + ")");
        return true;
    }

    private boolean refuseComputer(ServerSession session, String username, String message, String reason) {
        metrics.authFailed(AuthFailure.COMPUTER_UNAVAILABLE);
        return refuse(session, username, message, reason);
    }

    /**
     * Says why in a banner, then hangs up (a moment later, after MINA has sent its failure answer), so the
     * client does not go on trying keys it has.
     */
    private boolean refuse(ServerSession session, String username, String message, String reason) {
        LOG.info("Login of " + username + " from " + session.getRemoteAddress() + " refused: " + reason);
        banner(session, message);
        background.execute(() -> {
            try {
                session.disconnect(SshConstants.SSH2_DISCONNECT_BY_APPLICATION, "Spoq: " + reason);
            } catch (IOException e) {
                session.close(true);
            }
        });
        return false;
    }

    /** An SSH_MSG_USERAUTH_BANNER: allowed any time before authentication succeeds. */
    static void banner(ServerSession session, String message) {
        try {
            Buffer buffer = session.createBuffer(SshConstants.SSH_MSG_USERAUTH_BANNER, message.length() + 16);
            buffer.putString(message);
            buffer.putString("en");
            session.writePacket(buffer);
        } catch (IOException e) {
            LOG.fine(() -> "Could not send a banner: " + e);
        }
    }
}
