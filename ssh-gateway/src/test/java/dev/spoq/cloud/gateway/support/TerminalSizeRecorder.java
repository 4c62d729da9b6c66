package dev.spoq.cloud.gateway.support;

import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/** Wraps the stand-in container's shell to record the pty size it starts with and every window change. */
final class TerminalSizeRecorder implements Command {
    private final Command shell;
    private final List<String> sizes;

    TerminalSizeRecorder(Command shell, List<String> sizes) {
        this.shell = shell;
        this.sizes = sizes;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        if (env.getEnv().containsKey(Environment.ENV_COLUMNS)) {
            sizes.add("start " + size(env));
        }
        env.addSignalListener((signalChannel, signal) -> sizes.add("change " + size(env)), Signal.WINCH);
        shell.start(channel, env);
    }

    private static String size(Environment env) {
        return env.getEnv().get(Environment.ENV_COLUMNS) + "x" + env.getEnv().get(Environment.ENV_LINES);
    }

    @Override
    public void destroy(ChannelSession channel) throws Exception {
        shell.destroy(channel);
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        shell.setExitCallback(callback);
    }

    @Override
    public void setInputStream(InputStream in) {
        shell.setInputStream(in);
    }

    @Override
    public void setOutputStream(OutputStream out) {
        shell.setOutputStream(out);
    }

    @Override
    public void setErrorStream(OutputStream err) {
        shell.setErrorStream(err);
    }
}
