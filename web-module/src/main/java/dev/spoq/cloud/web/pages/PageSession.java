package dev.spoq.cloud.web.pages;

import dev.spoq.cloud.account.AccountService;
import dev.spoq.cloud.account.IssuedToken;
import dev.spoq.cloud.problem.ProblemKind;
import dev.spoq.cloud.problem.SpoqProblem;
import dev.spoq.cloud.web.api.ClientAddresses;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.UUID;

/**
 * Who is logged into the web pages. The user id lives in the HTTP session, put there only after a
 * successful {@code AccountService.login} or {@code register}, and only after the session got a new id
 * (session fixation). Every page bean asks this for the user it acts on; nothing a browser sends names a user.
 */
@Named
@RequestScoped
public class PageSession {

    /** The session attribute holding the logged-in user id (the terminal WebSocket reads it at its handshake). */
    public static final String USER_ID = "spoq.user-id";
    static final String TOKEN = "spoq.token";

    @Inject
    AccountService accounts;

    /** The logged-in user of this request, if any (works in filters too). */
    public static Optional<UUID> userOf(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty() : Optional.ofNullable((UUID) session.getAttribute(USER_ID));
    }

    /**
     * Whether the request's session is logged in and its login token is still good; a session whose token was
     * revoked elsewhere (password changed, "log out everywhere", account deleted) is ended here.
     */
    static boolean stillLoggedIn(HttpServletRequest request, AccountService accounts) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(USER_ID) instanceof UUID userId)) {
            return false;
        }
        boolean live = session.getAttribute(TOKEN) instanceof String token
                && accounts.authenticate(token).filter(userId::equals).isPresent();
        if (!live) {
            session.invalidate();
        }
        return live;
    }

    /** The session's login token (revoked at logout; kept by a password change made from this session). */
    String token() {
        HttpSession session = request().getSession(false);
        return session != null && session.getAttribute(TOKEN) instanceof String token ? token : null;
    }

    /** Ends this session (its token was revoked already, e.g. by "log out everywhere") and goes to the login page. */
    void endAndGoTo(String path) {
        HttpSession session = request().getSession(false);
        if (session != null) {
            session.invalidate();
        }
        redirect(path);
    }

    public boolean isLoggedIn() {
        return userOf(request()).isPresent();
    }

    /** The session's user; pages that call this are behind {@link PageFilter}, which sends strangers to /login. */
    public UUID userId() {
        return userOf(request()).orElseThrow(() -> new IllegalStateException("no user in this session"));
    }

    /** Logs the user in: a new session id first (the old one may have been planted), then the user id. */
    void start(IssuedToken issued) {
        start(request(), issued);
    }

    /** The same outside Faces (a provider's sign-in coming back, ProviderLoginServlet). */
    static void start(HttpServletRequest request, IssuedToken issued) {
        request.getSession(true);
        request.changeSessionId();
        HttpSession session = request.getSession(false);
        session.setAttribute(USER_ID, issued.userId());
        // kept only to be revoked at logout or when the session times out (SessionTokens)
        session.setAttribute(TOKEN, issued.token());
    }

    /** The "Log out" button: revokes the login's token, ends the session and goes home. */
    public void logout() {
        HttpSession session = request().getSession(false);
        if (session != null) {
            if (session.getAttribute(TOKEN) instanceof String token) {
                SessionTokens.revoke(accounts, token);
            }
            session.invalidate();
        }
        redirect("/");
    }

    /**
     * Opens a members' page (its view action). When the session's account is gone (deleted meanwhile, the
     * services answer UNAUTHENTICATED), the session is forgotten and the login page opens instead.
     */
    static void openForMember(Runnable open) {
        try {
            open.run();
        } catch (SpoqProblem problem) {
            if (problem.kind() != ProblemKind.UNAUTHENTICATED) {
                throw problem;
            }
            FacesContext.getCurrentInstance().getExternalContext().invalidateSession();
            redirect("/login");
        }
    }

    static void redirect(String path) {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        try {
            external.redirect(external.getRequestContextPath() + path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        faces.responseComplete();
    }

    /** The client's address as the limits and the audit log see it (the API's rules: trusted proxies only). */
    static String remoteAddress() {
        return CDI.current().select(ClientAddresses.class).get().of(request());
    }

    private static HttpServletRequest request() {
        return (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
    }
}
