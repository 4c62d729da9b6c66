package dev.spoq.cloud.gateway.limits;

import dev.spoq.cloud.gateway.metrics.GatewayMetrics;
import dev.spoq.cloud.gateway.upstream.UpstreamLink;
import org.apache.sshd.common.Service;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.session.AbstractServerSession;
import org.apache.sshd.server.session.ServerConnectionService;
import org.apache.sshd.server.session.ServerConnectionServiceFactory;

import java.io.IOException;
import java.util.logging.Logger;

/**
 * MINA's connection service with the {@link ChannelBudget} in front of every channel the user opens. A
 * refused channel gets SSH_MSG_CHANNEL_OPEN_FAILURE with the budget's words (OpenSSH prints them: "open
 * failed: administratively prohibited: ..."), and the connection and its other channels go on. MINA itself
 * would drop the message of a failed open, and end the whole connection when its own per-connection bound
 * is hit; both are answered here the same way instead.
 */
public class BudgetedConnectionService extends ServerConnectionService {
    private static final Logger LOG = Logger.getLogger(BudgetedConnectionService.class.getName());

    private final ChannelBudget budget;
    private final GatewayMetrics metrics;

    BudgetedConnectionService(AbstractServerSession session, ChannelBudget budget, GatewayMetrics metrics) throws SshException {
        super(session);
        this.budget = budget;
        this.metrics = metrics;
    }

    /** Creates the service for each authenticated session, as MINA's own factory does. */
    public static ServerConnectionServiceFactory factory(ChannelBudget budget, GatewayMetrics metrics) {
        return new ServerConnectionServiceFactory() {
            @Override
            public Service create(Session session) throws IOException {
                BudgetedConnectionService service = new BudgetedConnectionService((AbstractServerSession) session, budget, metrics);
                service.addPortForwardingEventListenerManager(this);
                return service;
            }
        };
    }

    @Override
    protected void channelOpen(Buffer buffer) throws Exception {
        int start = buffer.rpos();
        String type = buffer.getString();
        long sender = buffer.getUInt();
        buffer.rpos(start);
        try {
            super.channelOpen(buffer);
        } catch (Refused refused) {
            metrics.channelRefused();
            LOG.fine(() -> "Refused a " + type + " channel of " + getSession().getRemoteAddress() + ": " + refused.getMessage());
            sendChannelOpenFailure(buffer, sender, SshConstants.SSH_OPEN_ADMINISTRATIVELY_PROHIBITED, refused.getMessage(), "");
        }
    }

    /** Every channel the user opens passes here before it is set up: it takes its place, or is refused. */
    @Override
    public long registerChannel(Channel channel) throws IOException {
        UpstreamLink link = UpstreamLink.of(getSession());
        if (link == null) {
            return super.registerChannel(channel); // not logged in: the relay channel refuses on its own
        }
        ChannelBudget.Place place;
        try {
            place = budget.take(link.route().subdomain(),
                    channel instanceof ChannelSession ? ChannelBudget.SESSION_THREADS : ChannelBudget.FORWARD_THREADS);
        } catch (ChannelBudget.Refusal refusal) {
            throw new Refused(refusal.getMessage());
        }
        long id;
        try {
            id = super.registerChannel(channel);
        } catch (IllegalStateException atMostPerConnection) {
            place.release();
            throw new Refused("Spoq: too many channels on one connection; close some and try again.");
        } catch (IOException | RuntimeException e) {
            place.release();
            throw e;
        }
        channel.addCloseFutureListener(closed -> place.release());
        return id;
    }

    /** A channel the budget did not admit: answered with an open failure, not by ending the connection. */
    private static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }
}
