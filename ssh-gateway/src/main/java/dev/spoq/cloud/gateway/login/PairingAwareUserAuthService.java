package dev.spoq.cloud.gateway.login;

import org.apache.sshd.common.Service;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.server.session.ServerUserAuthService;
import org.apache.sshd.server.session.ServerUserAuthServiceFactory;

import java.io.IOException;

/**
 * MINA's user-auth service, with the methods a failure lists following the connection: {@code publickey}
 * alone, until a key of this connection awaits its first login; then {@code publickey,keyboard-interactive}
 * (the client may still show a confirmed key, or else answer the code). So nobody is ever offered a prompt
 * before proving a key, and MINA's own success handling (and its attempt limit) stay as they are.
 */
public class PairingAwareUserAuthService extends ServerUserAuthService {
    static final String KEYS_ONLY = "publickey";
    static final String WHILE_PAIRING = "publickey,keyboard-interactive";

    public PairingAwareUserAuthService(Session session) throws IOException {
        super(session);
    }

    /** Replaces MINA's (which lists every configured method): the same answer, with the methods of this moment. */
    @Override
    protected void handleAuthenticationFailure(int cmd, Buffer buffer) throws Exception {
        ServerSession session = getServerSession();
        String methods = PendingPairing.of(session).isPresent() ? WHILE_PAIRING : KEYS_ONLY;
        Buffer response = session.createBuffer(SshConstants.SSH_MSG_USERAUTH_FAILURE, methods.length() + Byte.SIZE);
        response.putString(methods);
        response.putBoolean(false);
        session.writePacket(response);
        // MINA's version also destroys the current method; the next request does that (and ours hold nothing)
    }

    /** Registers this service in place of MINA's. */
    public static final class Factory extends ServerUserAuthServiceFactory {
        @Override
        public Service create(Session session) throws IOException {
            return new PairingAwareUserAuthService(session);
        }
    }
}
