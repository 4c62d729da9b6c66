package dev.spoq.cloud.gateway.login;

import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKey;
import org.apache.sshd.server.session.ServerSession;

import java.security.PublicKey;

/**
 * MINA's public-key authentication, with one step added after the signature is verified and before
 * success is sent: the {@link LoginGate}, which may still refuse (with a banner that says why), because
 * until success is sent the user is not "in". A key that awaits its first login gets SSH's partial success
 * (RFC 4252 5.1), listing {@code publickey} still: a client with a confirmed key tries that next and lands
 * without being asked anything; only a client with none left goes on to keyboard-interactive (the code).
 */
class RoutedPublicKeyAuth extends UserAuthPublicKey {
    private final LoginGate gate;
    private PublicKey verifiedKey;

    RoutedPublicKeyAuth(LoginGate gate) {
        super(Signatures.accepted());
        this.gate = gate;
    }

    @Override
    public Boolean doAuth(Buffer buffer, boolean init) throws Exception {
        verifiedKey = null;
        Boolean result = super.doAuth(buffer, init);
        if (!Boolean.TRUE.equals(result) || verifiedKey == null) {
            return result; // a key query (null) or a refusal (false)
        }
        return switch (gate.admit(getServerSession(), getUsername(), verifiedKey)) {
            case ADMITTED -> true;
            case REFUSED -> false;
            case AWAITING_PAIRING -> partialSuccess();
        };
    }

    /** SSH_MSG_USERAUTH_FAILURE with partial success; null tells MINA the answer is sent and the method goes on. */
    private Boolean partialSuccess() throws Exception {
        Buffer response = getServerSession().createBuffer(SshConstants.SSH_MSG_USERAUTH_FAILURE, 64);
        response.putString(PairingAwareUserAuthService.WHILE_PAIRING);
        response.putBoolean(true);
        getServerSession().writePacket(response);
        return null;
    }

    @Override
    protected boolean verifySignature(ServerSession session, String username, String alg, PublicKey key, Buffer buffer,
            Signature verifier, byte[] sig) throws Exception {
        boolean verified = super.verifySignature(session, username, alg, key, buffer, verifier, sig);
        if (verified) {
            verifiedKey = key;
        }
        return verified;
    }
}
