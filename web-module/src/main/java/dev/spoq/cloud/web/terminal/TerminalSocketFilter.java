package dev.spoq.cloud.web.terminal;

import dev.spoq.cloud.problem.SpoqProblem;
import dev.spoq.cloud.terminal.WebTerminals;
import dev.spoq.cloud.web.api.ClientAddresses;
import dev.spoq.cloud.web.api.Problems;
import dev.spoq.cloud.web.https.PublicUrl;
import dev.spoq.cloud.web.pages.PageSession;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Before a terminal WebSocket is upgraded: the Origin must be our site ({@link TerminalOrigin}), the HTTP session must
 * be logged in, and the profile must be that account's own. Anything else is answered here as problem+json
 * (403 for a foreign Origin or no session, 404 for a profile that is not the account's, as for one that does not
 * exist), audited, and never reaches the endpoint. {@link TerminalSocket} checks the session's account again when it opens.
 */
@WebFilter(filterName = "TerminalSocketFilter", urlPatterns = TerminalSocket.PATH)
public class TerminalSocketFilter extends HttpFilter {

    /** The client address of the handshake, for the endpoint's audit rows (it cannot see the request). */
    static final String CLIENT_ADDRESS = "spoq.terminal.client-address";

    @Inject
    WebTerminals terminals;

    @Inject
    ClientAddresses addresses;

    private TerminalOrigin origins;

    @Override
    public void init() {
        origins = new TerminalOrigin(PublicUrl.configured().uri());
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String address = addresses.of(request);
        Optional<UUID> user = PageSession.userOf(request);
        String profile = request.getParameter("profile");
        if (!origins.allows(request.getHeader("Origin"), request.getHeader("Host"), request.isSecure())) {
            user.ifPresent(id -> terminals.refused(id, profile, address, "foreign origin " + request.getHeader("Origin")));
            refuse(response, 403, "foreign-origin", null, "A terminal opens only from this site's own pages.");
            return;
        }
        if (user.isEmpty()) {
            refuse(response, 403, "unauthenticated", null, "Log in to open a terminal.");
            return;
        }
        try {
            terminals.access(user.get(), parse(profile));
        } catch (SpoqProblem notOwn) {
            terminals.refused(user.get(), profile, address, "not the account's profile");
            refuse(response, 404, "not-found", "profile", notOwn.detail());
            return;
        }
        request.getSession(false).setAttribute(CLIENT_ADDRESS, address);
        chain.doFilter(request, response);
    }

    static UUID parse(String id) {
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void refuse(HttpServletResponse response, int status, String type, String field, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType(Problems.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(Problems.json(status, type, field, detail, Map.of()));
    }
}
