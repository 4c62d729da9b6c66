package dev.spoq.cloud.gateway.login;

import org.apache.sshd.server.auth.AbstractUserAuthFactory;
import org.apache.sshd.server.auth.UserAuth;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.session.ServerSession;

/** "publickey", routed by the control plane (keyboard-interactive exists only for a proved key's pairing code; no passwords). */
public class RoutedPublicKeyAuthFactory extends AbstractUserAuthFactory {
    private final LoginGate gate;

    public RoutedPublicKeyAuthFactory(LoginGate gate) {
        super(UserAuthPublicKeyFactory.NAME);
        this.gate = gate;
    }

    @Override
    public UserAuth createUserAuth(ServerSession session) {
        return new RoutedPublicKeyAuth(gate);
    }
}
