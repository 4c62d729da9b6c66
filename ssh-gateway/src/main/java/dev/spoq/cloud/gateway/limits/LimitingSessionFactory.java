package dev.spoq.cloud.gateway.limits;

import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.server.ServerFactoryManager;
import org.apache.sshd.server.session.SessionFactory;

/**
 * MINA's server session factory with the {@link ConnectionLimiter} in front: a refused connection throws
 * before any SSH session exists, and MINA's acceptor then closes the socket. (An IoServiceEventListener
 * would be the obvious hook, but MINA 2.20 leaves the socket open when that refuses a connection.)
 */
public class LimitingSessionFactory extends SessionFactory {
    private final ConnectionLimiter limiter;

    public LimitingSessionFactory(ServerFactoryManager server, ConnectionLimiter limiter) {
        super(server);
        this.limiter = limiter;
    }

    @Override
    public void sessionCreated(IoSession ioSession) throws Exception {
        limiter.admit(ioSession.getRemoteAddress());
        super.sessionCreated(ioSession);
    }
}
