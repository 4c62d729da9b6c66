package dev.spoq.cloud.terminal.gateway;

import dev.spoq.cloud.sshkey.SshdSecurity;
import dev.spoq.cloud.terminal.OpenedTerminal;
import dev.spoq.cloud.terminal.TerminalLink;
import dev.spoq.cloud.terminal.TerminalOutput;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.keyboard.UserInteraction;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.channel.PtyChannelConfiguration;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.core.CoreModuleProperties;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one adapter to the SSH gateway: a browser terminal is an SSH login through it, as the profile, with the terminal's
 * own key, and a shell with a pty. The gateway's host keys are pinned ({@link GatewayHostKeys}); nothing else is trusted.
 *
 * <ul>
 * <li>{@code spoq.web-terminal.gateway-host} / {@code -port}: where the gateway listens (default 127.0.0.1 and
 *     {@code spoq.gateway.port}, 2222);</li>
 * <li>{@code spoq.web-terminal.gateway-host-keys-dir}: where its {@code ssh_host_*_key.pub} are (default
 *     {@code spoq.gateway.data-dir}, {@code ~/.spoq/gateway}).</li>
 * </ul>
 */
@ApplicationScoped
public class GatewayShells {
    private static final Logger LOG = Logger.getLogger(GatewayShells.class.getName());
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** The gateway asks the control plane for the route; a computer that is starting lets the login in at once. */
    private static final Duration AUTH_TIMEOUT = Duration.ofSeconds(15);

    static {
        SshdSecurity.ensureConfigured();
    }

    private SshClient client;
    private String host;
    private int port;

    @PostConstruct
    void start() {
        Config config = ConfigProvider.getConfig();
        host = config.getOptionalValue("spoq.web-terminal.gateway-host", String.class).orElse("127.0.0.1");
        port = config.getOptionalValue("spoq.web-terminal.gateway-port", Integer.class)
                .orElseGet(() -> config.getOptionalValue("spoq.gateway.port", Integer.class).orElse(2222));
        Path keysDir = Path.of(config.getOptionalValue("spoq.web-terminal.gateway-host-keys-dir", String.class)
                .orElseGet(() -> config.getOptionalValue("spoq.gateway.data-dir", String.class)
                        .orElse(Path.of(System.getProperty("user.home"), ".spoq", "gateway").toString())));
        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(new GatewayHostKeys(keysDir));
        // a terminal lives as long as its browser tab; notice a dead gateway all the same
        CoreModuleProperties.IDLE_TIMEOUT.set(client, Duration.ZERO);
        CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, Duration.ofSeconds(30));
        CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(client, 4);
        CoreModuleProperties.TCP_NODELAY.set(client, true);
        client.start();
    }

    @PreDestroy
    void stop() {
        try {
            client.stop();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "stopping the web terminals' SSH client", e);
        }
    }

    /**
     * Logs in through the gateway and opens a shell of {@code columns}×{@code rows}. Banners the gateway shows (a
     * computer starting, a payment notice) reach the terminal first, as an SSH app prints them.
     *
     * @throws IOException when the gateway cannot be reached, shows a host key it was not pinned to, or refuses the login
     */
    public TerminalLink open(OpenedTerminal terminal, int columns, int rows, TerminalOutput output) throws IOException {
        ClientSession session = client.connect(terminal.login(), host, port).verify(CONNECT_TIMEOUT).getSession();
        try {
            session.setUserInteraction(new Banners(output));
            // the gateway says why when it ends a session (a suspension, a removed profile): the terminal shows it
            AtomicReference<String> endedBecause = new AtomicReference<>();
            session.addSessionListener(new SessionListener() {
                @Override
                public void sessionDisconnect(Session ended, int reason, String message, String language, boolean initiator) {
                    if (!initiator && message != null && !message.isBlank()) {
                        endedBecause.set(message.strip());
                    }
                }
            });
            session.addPublicKeyIdentity(terminal.key());
            session.auth().verify(AUTH_TIMEOUT);
            PtyChannelConfiguration pty = new PtyChannelConfiguration();
            pty.setPtyType("xterm-256color");
            pty.setPtyColumns(columns);
            pty.setPtyLines(rows);
            ChannelShell shell = session.createShellChannel(pty, Map.of("LANG", "C.UTF-8"));
            shell.setRedirectErrorStream(true);
            shell.setOut(new Forward(output));
            shell.open().verify(CONNECT_TIMEOUT);
            shell.addCloseFutureListener(closed -> {
                Integer status = shell.getExitStatus();
                String why = endedBecause.get();
                output.ended(status != null ? "The shell exited (" + status + ")."
                        : why != null ? why : "The connection to your computer ended.");
                session.close(false);
            });
            return new Shell(session, shell);
        } catch (IOException | RuntimeException e) {
            session.close(true);
            throw e;
        }
    }

    /** The shell's output, straight to the browser. */
    private static final class Forward extends OutputStream {
        private final TerminalOutput output;

        Forward(TerminalOutput output) {
            this.output = output;
        }

        @Override
        public void write(int b) {
            output.write(new byte[]{(byte) b});
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            byte[] copy = new byte[length];
            System.arraycopy(bytes, offset, copy, 0, length);
            output.write(copy);
        }
    }

    /** SSH banners (the gateway's words) shown in the terminal; publickey only, so no prompts are ever answered. */
    private record Banners(TerminalOutput output) implements UserInteraction {
        @Override
        public boolean isInteractionAllowed(ClientSession session) {
            return true;
        }

        @Override
        public void welcome(ClientSession session, String banner, String lang) {
            output.write(banner.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String[] interactive(ClientSession session, String name, String instruction, String lang, String[] prompt, boolean[] echo) {
            return null;
        }

        @Override
        public String getUpdatedPassword(ClientSession session, String prompt, String lang) {
            return null;
        }
    }

    private record Shell(ClientSession session, ChannelShell shell) implements TerminalLink {
        @Override
        public void type(byte[] input) {
            try {
                OutputStream in = shell.getInvertedIn();
                in.write(input);
                in.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void resize(int columns, int rows) {
            try {
                shell.sendWindowChange(columns, rows);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            shell.close(false);
            session.close(false);
        }
    }
}
