package dev.spoq.cloud.gateway.limits;

import dev.spoq.cloud.gateway.metrics.GatewayMetrics;
import dev.spoq.cloud.gateway.upstream.UpstreamLink;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.logging.Logger;

/**
 * At most {@code max-connections-per-account} logged-in connections per account (each holds an upstream
 * connection and, while its computer starts, a thread). Counted once a login has succeeded, by the account's
 * computer; one too many is told why and disconnected.
 */
public class AccountConnections implements SessionListener {
    private static final Logger LOG = Logger.getLogger(AccountConnections.class.getName());
    private static final AttributeRepository.AttributeKey<String> COUNTED_FOR = new AttributeRepository.AttributeKey<>();

    private final CountsPerAccount openByAccount;
    private final GatewayMetrics metrics;
    private final Executor closer;

    /** @param closer where refused connections are disconnected (not on the I/O thread that reports the login) */
    public AccountConnections(int perAccount, GatewayMetrics metrics, Executor closer) {
        this.openByAccount = new CountsPerAccount(perAccount);
        this.metrics = metrics;
        this.closer = closer;
    }

    @Override
    public void sessionEvent(Session session, Event event) {
        if (event != Event.Authenticated) {
            return;
        }
        UpstreamLink link = UpstreamLink.of(session);
        if (link == null) {
            return;
        }
        String account = link.route().subdomain();
        if (openByAccount.tryAdd(account)) {
            session.setAttribute(COUNTED_FOR, account);
            return;
        }
        metrics.connectionRejected(GatewayMetrics.Rejection.ACCOUNT_LIMIT);
        LOG.info("Refused a connection to " + account + " from " + session.getRemoteAddress() + ": " + openByAccount.max() + " already open");
        closer.execute(() -> {
            try {
                session.disconnect(SshConstants.SSH2_DISCONNECT_TOO_MANY_CONNECTIONS, "Spoq: at most " + openByAccount.max()
                        + " connections may be open at once to your computer; close one and try again.");
            } catch (IOException e) {
                session.close(true);
            }
        });
    }

    @Override
    public void sessionClosed(Session session) {
        String account = session.removeAttribute(COUNTED_FOR);
        if (account != null) {
            openByAccount.remove(account);
        }
    }

    /** Logged-in connections open now for {@code account} (tests, diagnostics). */
    public int open(String account) {
        return openByAccount.of(account);
    }
}
