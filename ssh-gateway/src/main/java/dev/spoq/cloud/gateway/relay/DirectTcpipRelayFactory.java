package dev.spoq.cloud.gateway.relay;

import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.Session;

/** Replaces MINA's own direct-tcpip handling (which would connect from the gateway) with the upstream relay. */
public class DirectTcpipRelayFactory implements ChannelFactory {
    private final RelayContext context;

    public DirectTcpipRelayFactory(RelayContext context) {
        this.context = context;
    }

    @Override
    public String getName() {
        return "direct-tcpip";
    }

    @Override
    public Channel createChannel(Session session) {
        return new DirectTcpipRelayChannel(context);
    }
}
