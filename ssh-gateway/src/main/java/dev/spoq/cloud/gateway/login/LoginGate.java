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
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.session.ServerSession;

import java.io.IOException;
import java.security.PublicKey;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
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
    private final BiConsumer<Session, Runnable> endIfAccessEnded;

    /** @param endIfAccessEnded asks, when a user's computer went away, whether access ended (see {@link UpstreamLink}) */
    public LoginGate(Routes routes, ControlPlaneClient controlPlane, UpstreamOpener opener, GatewayMetrics metrics,
            Executor background, BiConsumer<Session, Runnable> endIfAccessEnded) {
        this.routes = routes;
        this.controlPlane = controlPlane;
        this.opener = opener;
        this.metrics = metrics;
        this.background = background;
        this.endIfAccessEnded = endIfAccessEnded;
    }

    /** What the last step of a public-key login decided. */
    enum Admission {
        /** In: success is sent, the upstream follows. */
        ADMITTED,
        /** Out, after a banner that says why (or plainly, for an unknown key). */
        REFUSED,
        /** The key awaits its first login: partial success, the client tries its other keys, then the code. */
        AWAITING_PAIRING
    }

    Admission admit(ServerSession session, String username, PublicKey key) {
        String keyLine = PublicKeyEntry.toString(key);
        Route route;
        try {
            Optional<Route> found = routes.find(username, keyLine);
            if (found.isEmpty()) {
                metrics.authFailed(AuthFailure.UNKNOWN_KEY); // removed between the key query and the signature
                return Admission.REFUSED;
            }
            route = found.get();
        } catch (ControlPlaneUnavailableException e) {
            metrics.authFailed(AuthFailure.CONTROL_PLANE_UNAVAILABLE);
            LOG.warning("Cannot finish the login of " + username + ": " + e.getMessage());
            refuse(session, username, UserMessages.unavailable(), "control plane unavailable");
            return Admission.REFUSED;
        }
        if (route instanceof Route.Pairing pairing) {
            if (!PendingPairing.remember(session, username, keyLine, KeyUtils.getFingerPrint(key))) {
                return Admission.REFUSED; // one key per connection is paired; this one is not routed anywhere
            }
            // never a refusal here: a confirmed key the client offers next must still land (no lockout). The line is for
            // clients that cannot be asked (BatchMode, scp); an interactive one is asked for the code next.
            banner(session, UserMessages.fromControlPlane(pairing.message()));
            LOG.info("Key " + KeyUtils.getFingerPrint(key) + " of " + username + " from " + session.getRemoteAddress()
                    + " awaits pairing");
            return Admission.AWAITING_PAIRING;
        }
        return enter(session, username, keyLine, KeyUtils.getFingerPrint(key), route) ? Admission.ADMITTED : Admission.REFUSED;
    }

    /**
     * The pairing code typed for the connection's pending key (keyboard-interactive): true when it paired and the
     * login goes on into the computer of the account whose code it was; false when it did not (the banner says why:
     * wrong, locked) or the computer cannot be reached.
     */
    boolean pair(ServerSession session, String code) {
        Optional<PendingPairing> pending = PendingPairing.of(session);
        if (pending.isEmpty()) {
            return false;
        }
        String username = pending.get().username();
        String keyLine = pending.get().keyLine();
        Optional<Route> answer;
        try {
            answer = routes.pair(username, keyLine, code == null ? "" : code);
        } catch (ControlPlaneUnavailableException e) {
            metrics.authFailed(AuthFailure.CONTROL_PLANE_UNAVAILABLE);
            LOG.warning("Cannot check the pairing code of " + username + ": " + e.getMessage());
            return refuse(session, username, UserMessages.unavailable(), "control plane unavailable");
        }
        if (answer.isEmpty()) {
            metrics.authFailed(AuthFailure.UNKNOWN_KEY); // removed while the user typed
            return false;
        }
        if (answer.get() instanceof Route.Pairing notPaired) {
            metrics.authFailed(AuthFailure.WRONG_PAIRING_CODE);
            LOG.info("Wrong pairing code for " + username + " from " + session.getRemoteAddress());
            banner(session, UserMessages.fromControlPlane(notPaired.message()));
            return false;
        }
        LOG.info("Paired a key of " + username + " from " + session.getRemoteAddress());
        return enter(session, username, keyLine, pending.get().fingerprint(), answer.get());
    }

    /** True lets the user in (the upstream follows); false refuses, after a banner that says why. */
    private boolean enter(ServerSession session, String username, String keyLine, String fingerprint, Route route) {
        if (!(route instanceof Route.Admitted admitted)) {
            String message = UserMessages.fromControlPlane(route.message());
            return refuseComputer(session, username, message, UserMessages.oneLine(message));
        }
        if (admitted.message() != null && !admitted.message().isBlank()) {
            // a notice on ready (a failed payment), or "starting" (the shell comes once the computer is up)
            banner(session, UserMessages.fromControlPlane(admitted.message()));
        }
        UpstreamLink link = UpstreamLink.attach(session, admitted, opener.pool(), endIfAccessEnded);
        opener.open(session, link, username, keyLine);
        controlPlane.connected(admitted.deviceId());
        LOG.info("Login " + username + "@" + admitted.subdomain() + " from " + session.getRemoteAddress() + " with "
                + fingerprint + " (" + (admitted instanceof Route.Ready ? "ready" : "starting") + ")");
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
