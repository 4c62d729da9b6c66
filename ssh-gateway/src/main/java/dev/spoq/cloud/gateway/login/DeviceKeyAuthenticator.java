package dev.spoq.cloud.gateway.login;

import dev.spoq.cloud.gateway.metrics.GatewayMetrics;
import dev.spoq.cloud.gateway.routing.ControlPlaneUnavailableException;
import dev.spoq.cloud.gateway.routing.Route;
import dev.spoq.cloud.gateway.routing.Routes;
import dev.spoq.cloud.gateway.upstream.UpstreamPool;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;

import java.security.PublicKey;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * "Is this key a device of a profile with this login name?" MINA asks this before checking the signature
 * (to answer a key query) and again with it. Any route at all means yes here: whether the computer can be
 * reached is decided only once the signature proves the key, so that someone who merely knows a public key
 * learns nothing about its account. The connection's key that already got partial success (it awaits pairing)
 * is a no when the client offers it again, so that the client moves on to its next key.
 *
 * <p>A yes for a computer that is ready also starts opening the gateway's own connection to it ({@link UpstreamPool#warm}),
 * so that it is there, or nearly, when the signature has been checked: the user's remaining round trips hide it. That
 * connection is the gateway's (its key, the profile's login), it is only handed to a session the control plane lets in,
 * and at most one is opened ahead per computer and login at a time, so offering a known public key without its private
 * key gains nothing but a connection that closes unused.
 */
public class DeviceKeyAuthenticator implements PublickeyAuthenticator {
    private static final Logger LOG = Logger.getLogger(DeviceKeyAuthenticator.class.getName());

    private final Routes routes;
    private final GatewayMetrics metrics;
    private final UpstreamPool upstreams;

    public DeviceKeyAuthenticator(Routes routes, GatewayMetrics metrics, UpstreamPool upstreams) {
        this.routes = routes;
        this.metrics = metrics;
        this.upstreams = upstreams;
    }

    @Override
    public boolean authenticate(String username, PublicKey key, ServerSession session) {
        if (!Signatures.strongEnough(key)) {
            metrics.authFailed(GatewayMetrics.AuthFailure.KEY_TOO_WEAK);
            return false;
        }
        String keyLine = PublicKeyEntry.toString(key);
        if (PendingPairing.isPendingKey(session, keyLine)) {
            return false;
        }
        try {
            Optional<Route> route = routes.find(username, keyLine);
            boolean known = route.isPresent();
            if (route.isPresent() && route.get() instanceof Route.Ready ready) {
                upstreams.warm(ready);
            }
            if (!known) {
                metrics.authFailed(GatewayMetrics.AuthFailure.UNKNOWN_KEY);
                LOG.fine(() -> "Unknown key " + KeyUtils.getFingerPrint(key) + " for " + username + " from "
                        + session.getRemoteAddress());
            }
            return known;
        } catch (ControlPlaneUnavailableException e) {
            metrics.authFailed(GatewayMetrics.AuthFailure.CONTROL_PLANE_UNAVAILABLE);
            LOG.warning("Refusing a login of " + username + ": " + e.getMessage());
            return false;
        }
    }
}
