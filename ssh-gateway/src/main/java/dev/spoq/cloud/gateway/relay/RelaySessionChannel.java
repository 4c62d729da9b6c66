package dev.spoq.cloud.gateway.relay;

import org.apache.sshd.common.channel.PtyMode;
import org.apache.sshd.common.channel.RequestHandler;
import org.apache.sshd.server.channel.ChannelSession;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * A downstream "session" channel that remembers the client's pty request and latest window size
 * exactly as sent, so the relay can request the same pty upstream and pass every resize on.
 * Everything else (env, signals, shell/exec/subsystem dispatch, exit status) is MINA's ChannelSession.
 */
class RelaySessionChannel extends ChannelSession {
    private volatile PtyRequest pty;
    private volatile WindowSize windowSize;

    /** The pty the client asked for, or null when it asked for none. */
    PtyRequest pty() {
        return pty;
    }

    /** The client's latest terminal size, or null without a pty. */
    WindowSize windowSize() {
        return windowSize;
    }

    @Override
    protected RequestHandler.Result handlePtyReqParsed(String term, int columns, int rows, int widthPixels, int heightPixels,
            Map<PtyMode, Integer> modes) throws IOException {
        Map<PtyMode, Integer> copy = new EnumMap<>(PtyMode.class);
        if (modes != null) {
            copy.putAll(modes);
        }
        pty = new PtyRequest(term, columns, rows, widthPixels, heightPixels, copy);
        windowSize = new WindowSize(columns, rows, widthPixels, heightPixels);
        return super.handlePtyReqParsed(term, columns, rows, widthPixels, heightPixels, modes);
    }

    @Override
    protected RequestHandler.Result handleWindowChangeParsed(int columns, int rows, int widthPixels, int heightPixels)
            throws IOException {
        // recorded before MINA notifies the WINCH listeners, which read it
        windowSize = new WindowSize(columns, rows, widthPixels, heightPixels);
        return super.handleWindowChangeParsed(columns, rows, widthPixels, heightPixels);
    }
}
