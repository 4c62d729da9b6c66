package dev.spoq.cloud.web.terminal;

import dev.spoq.cloud.problem.SpoqProblem;
import dev.spoq.cloud.terminal.OpenedTerminal;
import dev.spoq.cloud.terminal.TerminalLink;
import dev.spoq.cloud.terminal.TerminalOutput;
import dev.spoq.cloud.terminal.WebTerminals;
import dev.spoq.cloud.terminal.gateway.GatewayShells;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The browser terminal's WebSocket ({@code /terminal/socket?profile=<id>&columns=<c>&rows=<r>}): a shell on the
 * account's own computer as that profile, through the SSH gateway ({@link GatewayShells}). The browser sends text
 * frames {@code {"type":"input","data":"..."}} and {@code {"type":"resize","columns":c,"rows":r}}; the shell's output
 * comes back as binary frames, and its end as {@code {"type":"ended","message":"..."}} before the close.
 * {@link TerminalSocketFilter} has checked Origin, session and profile before the upgrade; the account comes from the
 * HTTP session ({@link TerminalHandshake}), and {@link WebTerminals#open} checks the profile is its own again.
 */
// a bean (the WAR discovers annotated beans only): without it Liberty made the endpoint without its injections
@Dependent
@ServerEndpoint(value = TerminalSocket.PATH, configurator = TerminalHandshake.class)
public class TerminalSocket {
    static final String PATH = "/terminal/socket";
    private static final Logger LOG = Logger.getLogger(TerminalSocket.class.getName());
    private static final int MAX_MESSAGE = 64 * 1024;
    private static final int MAX_SIDE = 1000;

    @Inject
    WebTerminals terminals;

    @Inject
    GatewayShells gateway;

    private OpenedTerminal terminal;
    private volatile TerminalLink link;
    private String address;

    @OnOpen
    public void open(Session session) throws IOException {
        session.setMaxTextMessageBufferSize(MAX_MESSAGE);
        Object user = session.getUserProperties().get(TerminalHandshake.USER);
        address = (String) session.getUserProperties().get(TerminalHandshake.ADDRESS);
        String profile = TerminalHandshake.first(session.getRequestParameterMap(), "profile");
        if (!(user instanceof UUID userId)) {
            close(session, CloseReason.CloseCodes.VIOLATED_POLICY, "Log in to open a terminal.");
            return;
        }
        try {
            terminal = terminals.open(userId, TerminalSocketFilter.parse(profile), address);
        } catch (SpoqProblem notOwn) {
            terminals.refused(userId, profile, address, "not the account's profile");
            close(session, CloseReason.CloseCodes.VIOLATED_POLICY, notOwn.detail());
            return;
        }
        int columns = side(TerminalHandshake.first(session.getRequestParameterMap(), "columns"), 80);
        int rows = side(TerminalHandshake.first(session.getRequestParameterMap(), "rows"), 24);
        try {
            link = gateway.open(terminal, columns, rows, new ToBrowser(session));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "web terminal " + terminal.id() + " could not log in through the gateway", e);
            ended(session, "Your computer could not be reached just now. Try again in a moment.");
        }
    }

    @OnMessage(maxMessageSize = MAX_MESSAGE)
    public void message(Session session, String text) {
        TerminalLink shell = link;
        if (shell == null) {
            return;
        }
        JsonObject message;
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            message = reader.readObject();
        } catch (RuntimeException notJson) {
            return; // only our page talks to this; anything else is dropped, not echoed
        }
        try {
            switch (message.getString("type", "")) {
                case "input" -> shell.type(message.getString("data", "").getBytes(StandardCharsets.UTF_8));
                case "resize" -> shell.resize(bounded(message.getInt("columns", 80)), bounded(message.getInt("rows", 24)));
                default -> {
                }
            }
        } catch (ClassCastException | NullPointerException wrongShape) {
            // a field of the wrong type: dropped like an unknown message
        }
    }

    @OnClose
    public void closed(Session session, CloseReason reason) {
        finish("browser closed the terminal");
    }

    @OnError
    public void failed(Session session, Throwable error) {
        LOG.log(Level.FINE, "web terminal socket error", error);
        finish("connection error");
    }

    private synchronized void finish(String why) {
        TerminalLink shell = link;
        link = null;
        if (shell != null) {
            shell.close();
        }
        if (terminal != null) {
            OpenedTerminal done = terminal;
            terminal = null;
            try {
                terminals.closed(done, address, why);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not record the end of web terminal " + done.id(), e);
            }
        }
    }

    private static int side(String value, int fallback) {
        try {
            return value == null ? fallback : bounded(Integer.parseInt(value));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static int bounded(int side) {
        return Math.max(1, Math.min(MAX_SIDE, side));
    }

    private void ended(Session session, String message) {
        try {
            synchronized (session) {
                if (session.isOpen()) {
                    session.getBasicRemote().sendText(Json.createObjectBuilder().add("type", "ended").add("message", message).build().toString());
                }
            }
            close(session, CloseReason.CloseCodes.NORMAL_CLOSURE, "ended");
        } catch (IOException e) {
            LOG.log(Level.FINE, "the browser left first", e);
        }
        finish(message);
    }

    private static void close(Session session, CloseReason.CloseCode code, String why) throws IOException {
        // a close reason is at most 123 bytes
        String reason = why.length() > 120 ? why.substring(0, 120) : why;
        session.close(new CloseReason(code, reason));
    }

    /** The shell's bytes to the browser, one frame at a time (a WebSocket's basic remote is not for concurrent senders). */
    private final class ToBrowser implements TerminalOutput {
        private final Session session;

        ToBrowser(Session session) {
            this.session = session;
        }

        @Override
        public void write(byte[] bytes) {
            synchronized (session) {
                if (!session.isOpen()) {
                    return;
                }
                try {
                    session.getBasicRemote().sendBinary(ByteBuffer.wrap(bytes));
                } catch (IOException e) {
                    LOG.log(Level.FINE, "the browser left while output was on its way", e);
                }
            }
        }

        @Override
        public void ended(String why) {
            TerminalSocket.this.ended(session, why);
        }
    }
}
