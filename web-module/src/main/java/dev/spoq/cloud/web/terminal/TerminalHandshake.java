package dev.spoq.cloud.web.terminal;

import jakarta.servlet.http.HttpSession;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.List;
import java.util.Map;

/**
 * Hands the endpoint what only the handshake knows: the HTTP session's account (never anything the browser names)
 * and the client address the filter saw. Each connection gets its own endpoint instance (the default).
 */
public class TerminalHandshake extends ServerEndpointConfig.Configurator {

    static final String USER = "spoq.terminal.user";
    static final String ADDRESS = "spoq.terminal.address";

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        Map<String, Object> properties = config.getUserProperties();
        if (request.getHttpSession() instanceof HttpSession session) {
            Object user = session.getAttribute(dev.spoq.cloud.web.pages.PageSession.USER_ID);
            if (user != null) {
                properties.put(USER, user);
            }
            Object address = session.getAttribute(TerminalSocketFilter.CLIENT_ADDRESS);
            if (address != null) {
                properties.put(ADDRESS, address);
            }
        }
    }

    @Override
    public boolean checkOrigin(String originHeaderValue) {
        // TerminalSocketFilter checks the Origin against the site before the upgrade, with the Host it needs
        return originHeaderValue != null;
    }

    static String first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
