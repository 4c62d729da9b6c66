package dev.spoq.cloud.gateway.relay;

import dev.spoq.cloud.gateway.metrics.GatewayMetrics.Direction;
import dev.spoq.cloud.gateway.upstream.UpstreamLink;
import dev.spoq.cloud.gateway.upstream.UpstreamUnavailableException;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.channel.PtyCapableChannelSession;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.AbstractChannel;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.PtyChannelConfiguration;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

import dev.spoq.cloud.gateway.login.UserMessages;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One shell, exec or subsystem request, relayed: opens the same kind of channel on the upstream session
 * (same pty, same LANG/LC_* environment), pumps stdin, stdout and stderr both ways, passes window changes
 * and signals on, and ends with the container's exit status (or exit signal).
 */
final class RelayCommand implements Command {
    private static final Logger LOG = Logger.getLogger(RelayCommand.class.getName());
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(15);
    private static final String BUSY = "Spoq: the gateway is busy right now; please try again in a minute.\r\n";

    enum Kind { SHELL, EXEC, SUBSYSTEM }

    private final Kind kind;
    private final String argument;
    private final RelayContext context;
    private final AtomicBoolean ended = new AtomicBoolean();

    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exitCallback;
    private volatile ClientChannel upstreamChannel;
    private volatile boolean destroyed;

    /** @param argument the command line (exec) or subsystem name; null for a shell */
    RelayCommand(Kind kind, String argument, RelayContext context) {
        this.kind = kind;
        this.argument = argument;
        this.context = context;
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exitCallback = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        UpstreamLink link = UpstreamLink.of(channel.getSession());
        if (link == null) {
            // cannot happen after authentication; refuse rather than guess
            exit(1, "Spoq: no connection to your computer\r\n");
            return;
        }
        // waiting for the computer and opening the upstream channel take time: not on MINA's I/O thread
        try {
            context.pumps().execute(() -> relay(channel, env, link));
        } catch (RejectedExecutionException full) {
            exit(1, BUSY);
        }
    }

    private void relay(ChannelSession channel, Environment env, UpstreamLink link) {
        ClientSession upstreamSession;
        try {
            upstreamSession = awaitUpstream(link);
        } catch (UpstreamUnavailableException e) {
            exit(255, e.userMessage());
            return;
        }
        ClientChannel upstream;
        try {
            upstream = openUpstream(upstreamSession, (RelaySessionChannel) channel, env);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.INFO, "Could not open a " + describe() + " channel on " + link.route().subdomain(), e);
            if (e instanceof ComputerNotAnswering) {
                // frozen or gone: no later login may reuse this connection; closing it ends the user's session too,
                // so the user hears why first
                exit(255, UserMessages.notAnswering());
                upstreamSession.close(true);
            } else {
                exit(1, "Spoq: your computer refused the " + describe() + " request.\r\n");
            }
            return;
        }
        upstreamChannel = upstream;
        if (destroyed) {
            upstream.close(false); // the user's channel closed while this one was opening
            return;
        }
        context.metrics().channelOpened(kind == Kind.SUBSYSTEM ? "subsystem" : kind.name().toLowerCase(java.util.Locale.ROOT));
        env.addSignalListener((signalChannel, signal) -> passSignal((RelaySessionChannel) channel, upstream, signal));

        String name = describe() + "@" + link.route().subdomain();
        CompletableFuture<Void> stdout;
        CompletableFuture<Void> stderr;
        try {
            StreamPump.start(context.pumps(), name + " stdin", in, upstream.getInvertedIn(), true,
                    n -> context.metrics().relayed(Direction.TO_COMPUTER, n));
            stdout = StreamPump.start(context.pumps(), name + " stdout", upstream.getInvertedOut(), out,
                    false, n -> context.metrics().relayed(Direction.TO_CLIENT, n));
            stderr = StreamPump.start(context.pumps(), name + " stderr", upstream.getInvertedErr(), err,
                    false, n -> context.metrics().relayed(Direction.TO_CLIENT, n));
        } catch (RejectedExecutionException full) {
            upstream.close(false);
            exit(1, BUSY);
            return;
        }
        // all output first, then the exit status: the client must see every byte before the channel ends
        CompletableFuture.allOf(stdout, stderr).join();
        upstream.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), 0L);
        finish(channel, upstream);
    }

    /** Waits for the computer (it may be starting), telling an interactive user now and then that it still is. */
    private ClientSession awaitUpstream(UpstreamLink link) throws UpstreamUnavailableException {
        while (true) {
            try {
                return link.upstream().get(PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillStarting) {
                try {
                    err.write("Still starting your Spoq computer...\r\n".getBytes(StandardCharsets.US_ASCII));
                    err.flush();
                } catch (IOException e) {
                    throw new UpstreamUnavailableException("The session ended");
                }
            } catch (ExecutionException e) {
                throw UpstreamLink.unavailable(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UpstreamUnavailableException("The session ended");
            }
        }
    }

    private ClientChannel openUpstream(ClientSession upstream, RelaySessionChannel channel, Environment env) throws IOException {
        Map<String, String> locale = localeVariables(env);
        PtyChannelConfiguration ptyConfig = ptyConfiguration(channel.pty());
        ClientChannel opened = switch (kind) {
            case SHELL -> upstream.createShellChannel(ptyConfig, locale);
            case EXEC -> upstream.createExecChannel(argument.getBytes(StandardCharsets.UTF_8), ptyConfig, locale);
            case SUBSYSTEM -> upstream.createSubsystemChannel(argument);
        };
        if (opened instanceof PtyCapableChannelSession ptyCapable) {
            ptyCapable.setUsePty(channel.pty() != null);
            ptyCapable.setAgentForwarding(false);
        }
        var open = opened.open();
        if (!open.await(OPEN_TIMEOUT)) {
            opened.close(true);
            throw new ComputerNotAnswering();
        }
        open.verify(); // done: rethrows the computer's refusal, if that is how it ended
        return opened;
    }

    /** The computer opened no channel in time: it is frozen or gone, whatever its connection still says. */
    private static final class ComputerNotAnswering extends IOException {
    }

    private static PtyChannelConfiguration ptyConfiguration(PtyRequest pty) {
        PtyChannelConfiguration config = new PtyChannelConfiguration();
        if (pty != null) {
            config.setPtyType(pty.term());
            config.setPtyColumns(pty.columns());
            config.setPtyLines(pty.rows());
            config.setPtyWidth(pty.widthPixels());
            config.setPtyHeight(pty.heightPixels());
            config.setPtyModes(pty.modes());
        }
        return config;
    }

    /** LANG and LC_*: what a user's locale needs, and what a stock sshd accepts (AcceptEnv LANG LC_*). */
    private static Map<String, String> localeVariables(Environment env) {
        Map<String, String> locale = new LinkedHashMap<>();
        env.getEnv().forEach((name, value) -> {
            if (name.equals("LANG") || name.startsWith("LC_")) {
                locale.put(name, value);
            }
        });
        return locale;
    }

    private void passSignal(RelaySessionChannel channel, ClientChannel upstream, Signal signal) {
        try {
            if (signal == Signal.WINCH) {
                WindowSize size = channel.windowSize();
                if (size != null && upstream instanceof PtyCapableChannelSession pty) {
                    pty.sendWindowChange(size.columns(), size.rows(), size.heightPixels(), size.widthPixels());
                }
            } else {
                sendChannelRequest(upstream, "signal", buffer -> buffer.putString(signal.name()));
            }
        } catch (IOException e) {
            LOG.fine(() -> "Could not pass " + signal + " on: " + e);
        }
    }

    /** The container's command has ended and all its output is relayed: end the user's channel the same way. */
    private void finish(ChannelSession channel, ClientChannel upstream) {
        Integer status = upstream.getExitStatus();
        String signal = upstream.getExitSignal();
        if (status != null) {
            exit(status, null);
        } else if (signal != null && ended.compareAndSet(false, true)) {
            try {
                sendChannelRequest(channel, "exit-signal", buffer -> {
                    buffer.putString(signal);
                    buffer.putBoolean(false); // core dumped: not reported by MINA's client
                    buffer.putString("");
                    buffer.putString("");
                });
            } catch (IOException e) {
                LOG.fine(() -> "Could not send exit-signal: " + e);
            }
            channel.close(false);
        } else if (ended.compareAndSet(false, true)) {
            // the container closed without a status: it went away (a suspension stops it, often before the
            // re-check sees it); say why if access ended, otherwise end without one, like OpenSSH
            context.endIfAccessEnded().accept(channel.getSession(), () -> channel.close(false));
        }
    }

    private void exit(int status, String message) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        if (message != null) {
            try {
                err.write(message.getBytes(StandardCharsets.UTF_8));
                err.flush();
            } catch (IOException e) {
                LOG.fine(() -> "Could not tell the user: " + e);
            }
        }
        exitCallback.onExit(status);
    }

    private static void sendChannelRequest(Channel channel, String request, BufferFiller fill) throws IOException {
        Buffer buffer = channel.getSession().createBuffer(SshConstants.SSH_MSG_CHANNEL_REQUEST, 64);
        buffer.putUInt(channel.getRecipient());
        buffer.putString(request);
        buffer.putBoolean(false); // no reply wanted
        fill.fill(buffer);
        ((AbstractChannel) channel).writePacket(buffer);
    }

    @FunctionalInterface
    private interface BufferFiller {
        void fill(Buffer buffer);
    }

    private String describe() {
        return switch (kind) {
            case SHELL -> "shell";
            case EXEC -> "exec";
            case SUBSYSTEM -> argument;
        };
    }

    @Override
    public void destroy(ChannelSession channel) {
        // the user's channel is closing: end the container side too
        destroyed = true;
        ClientChannel upstream = upstreamChannel;
        if (upstream != null) {
            upstream.close(false);
        }
    }
}
