package dev.spoq.cloud.gateway.login;

import dev.spoq.cloud.gateway.metrics.GatewayMetrics;
import dev.spoq.cloud.gateway.routing.ControlPlaneUnavailableException;
import dev.spoq.cloud.gateway.routing.Routes;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;

import java.security.PublicKey;
import java.util.logging.Logger;

/**
 * "Is this key a device of a profile with this login name?" MINA asks this before checking the signature
 * (to answer a key query) and again with it. Any route at all means yes here: whether the computer can be
 * reached is decided only once the signature proves the key, so that someone who merely knows a public key
 * learns nothing about its account.
 */
public class DeviceKeyAuthenticator implements PublickeyAuthenticator {
    private static final Logger LOG = Logger.getLogger(DeviceKeyAuthenticator.class.getName());

    private final Routes routes;
    private final GatewayMetrics metrics;

    public DeviceKeyAuthenticator(Routes routes, GatewayMetrics metrics) {
        this.routes = routes;
        this.metrics = metrics;
    }

    @Override
    public boolean authenticate(String username, PublicKey key, ServerSession session) {
        if (!Signatures.strongEnough(key)) {
            metrics.authFailed(GatewayMetrics.AuthFailure.KEY_TOO_WEAK);
            return false;
        }
        try {
            boolean known = routes.find(username, PublicKeyEntry.toString(key)).isPresent();
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
