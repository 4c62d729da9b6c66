package dev.spoq.cloud.gateway.relay;

import dev.spoq.cloud.gateway.metrics.GatewayMetrics.Direction;
import dev.spoq.cloud.gateway.upstream.UpstreamLink;
import org.apache.sshd.client.channel.ChannelDirectTcpip;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.client.future.DefaultOpenFuture;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.ChannelOutputStream;
import org.apache.sshd.common.channel.ChannelPipedInputStream;
import org.apache.sshd.common.channel.exception.SshChannelOpenException;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.server.channel.AbstractServerChannel;

import java.io.IOException;
import java.util.Collections;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Logger;

/**
 * A "direct-tcpip" channel ({@code ssh -L}, {@code ssh -W}, VS Code Remote-SSH): instead of connecting from
 * the gateway (which would expose the gateway's own network), it opens the same direct-tcpip channel on the
 * upstream session, so "localhost:8080" means the user's container, and pumps bytes both ways.
 */
class DirectTcpipRelayChannel extends AbstractServerChannel {
    private static final Logger LOG = Logger.getLogger(DirectTcpipRelayChannel.class.getName());

    private final RelayContext context;
    private ChannelPipedInputStream fromClient;
    private volatile ChannelDirectTcpip upstream;

    DirectTcpipRelayChannel(RelayContext context) {
        super("", Collections.emptyList(), null);
        this.context = context;
    }

    @Override
    protected OpenFuture doInit(Buffer buffer) {
        String host = buffer.getString();
        int port = buffer.getInt();
        String originatorHost = buffer.getString();
        int originatorPort = buffer.getInt();
        OpenFuture opened = new DefaultOpenFuture(this, futureLock);

        UpstreamLink link = UpstreamLink.of(getSession());
        if (link == null) {
            refuse(opened, new SshChannelOpenException(getChannelId(), SshConstants.SSH_OPEN_ADMINISTRATIVELY_PROHIBITED,
                    "Not logged in"), host, port);
            return opened;
        }
        fromClient = new ChannelPipedInputStream(this, getLocalWindow());
        addCloseFutureListener(closed -> releaseUpstream());
        // the computer may still be starting: open upstream once its session is there, without holding a thread
        link.upstream().whenComplete((session, failure) -> {
            if (failure != null) {
                refuse(opened, UpstreamLink.unavailable(failure), host, port);
                return;
            }
            try {
                ChannelDirectTcpip channel = new EofPassingDirectTcpip(
                        new SshdSocketAddress(originatorHost, originatorPort), new SshdSocketAddress(host, port));
                session.getService(ConnectionService.class).registerChannel(channel);
                channel.open().addListener(upstreamOpen -> {
                    if (upstreamOpen.isOpened() && isClosing()) {
                        channel.close(true); // the user gave up while the container side was opening
                    } else if (upstreamOpen.isOpened()) {
                        upstream = channel;
                        signalChannelOpenSuccess(); // MINA sends the open confirmation here, before any data below
                        opened.setOpened();
                        relay(channel, link.route().subdomain() + " -> " + host + ":" + port);
                    } else {
                        refuse(opened, upstreamOpen.getException(), host, port);
                    }
                });
            } catch (IOException | RuntimeException e) {
                refuse(opened, e, host, port);
            }
        });
        return opened;
    }

    private void refuse(OpenFuture opened, Throwable failure, String host, int port) {
        int reason = failure instanceof SshChannelOpenException open ? open.getReasonCode() : SshConstants.SSH_OPEN_CONNECT_FAILED;
        String message = failure == null ? "Connection refused" : String.valueOf(failure.getMessage());
        LOG.fine(() -> "Forwarding to " + host + ":" + port + " refused upstream: " + message);
        SshChannelOpenException refusal = new SshChannelOpenException(getChannelId(), reason, message, failure);
        signalChannelOpenFailure(refusal);
        opened.setException(refusal);
    }

    private void relay(ChannelDirectTcpip channel, String name) {
        context.metrics().channelOpened("direct-tcpip");
        ChannelOutputStream toClient = new ChannelOutputStream(this, getRemoteWindow(), log, SshConstants.SSH_MSG_CHANNEL_DATA, true);
        CompletableFuture<Void> toClientDone;
        try {
            StreamPump.start(context.pumps(), name + " (to computer)", fromClient, channel.getInvertedIn(), true,
                    n -> context.metrics().relayed(Direction.TO_COMPUTER, n));
            toClientDone = StreamPump.start(context.pumps(), name + " (to client)", channel.getInvertedOut(),
                    toClient, true, n -> context.metrics().relayed(Direction.TO_CLIENT, n));
        } catch (RejectedExecutionException full) {
            LOG.warning("No relay thread free for " + name + ": closing it");
            close(false);
            return;
        }
        // the container side ended (its socket closed): once its last bytes are through, end ours
        toClientDone.thenRun(() -> channel.addCloseFutureListener(closed -> close(false)));
    }

    @Override
    protected void doWriteData(byte[] data, int off, long len) throws IOException {
        fromClient.receive(data, off, (int) len);
    }

    @Override
    protected void doWriteExtendedData(byte[] data, int off, long len) throws IOException {
        throw new IOException("direct-tcpip channels carry no extended data");
    }

    @Override
    public void handleEof() throws IOException {
        super.handleEof();
        if (fromClient != null) {
            fromClient.eof();
        }
    }

    /** The user's side is closed: close the container's side and wake the pump that reads from us. */
    private void releaseUpstream() {
        ChannelDirectTcpip channel = upstream;
        if (channel != null) {
            channel.close(false);
        }
        try {
            fromClient.close();
        } catch (IOException e) {
            LOG.fine(() -> "Closing the forwarding pipe: " + e);
        }
    }

    /**
     * OpenSSH's sshd sends EOF when the server in the computer closes its socket, but CLOSE only after
     * it got our EOF. MINA's client channel ends its output stream only at CLOSE, so without this the
     * user's client would wait for an end that never comes (an HTTP/1.0 answer through `ssh -L`, say).
     */
    private static final class EofPassingDirectTcpip extends ChannelDirectTcpip {

        EofPassingDirectTcpip(SshdSocketAddress local, SshdSocketAddress remote) {
            super(local, remote);
        }

        @Override
        public void handleEof() throws IOException {
            super.handleEof();
            if (getInvertedOut() instanceof ChannelPipedInputStream pipe) {
                pipe.eof();
            }
        }
    }
}
