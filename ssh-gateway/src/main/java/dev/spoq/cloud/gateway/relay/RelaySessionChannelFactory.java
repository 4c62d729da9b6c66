package dev.spoq.cloud.gateway.relay;

import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.Session;

/** Creates the gateway's "session" channels. */
public class RelaySessionChannelFactory implements ChannelFactory {
    @Override
    public String getName() {
        return "session";
    }

    @Override
    public Channel createChannel(Session session) {
        return new RelaySessionChannel();
    }
}
