package dev.spoq.cloud.web.pages;

import dev.spoq.cloud.account.AccountDeletion;
import dev.spoq.cloud.oauth.PendingAuthorization;
import dev.spoq.cloud.oauth.Provider;
import dev.spoq.cloud.oauth.ProviderIdentity;
import dev.spoq.cloud.oauth.ProviderLoginFailed;
import dev.spoq.cloud.oauth.ProviderSettings;
import dev.spoq.cloud.oauth.ProviderSignIn;
import dev.spoq.cloud.oauth.SignInOutcome;
import dev.spoq.cloud.oauth.provider.ProviderClient;
import dev.spoq.cloud.problem.SpoqProblem;
import dev.spoq.cloud.web.api.ClientAddresses;
import dev.spoq.cloud.web.https.PublicUrl;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * "Continue with Google / GitHub": {@code GET /oauth/{provider}} sends the browser to the provider with a fresh
 * state, nonce and PKCE verifier kept in its session; {@code GET /oauth/{provider}/callback} takes the provider's
 * answer, only in the session that asked for it and only once, and logs in (the page session, as a password login
 * does), asks for the password of the account it would join (/link), or says on /login why not.
 * {@code GET /oauth/{provider}/leave} sends a logged-in account to its provider to confirm that it leaves (an account
 * without a password); only the dashboard's "Delete my account" (a Faces POST, so not forgeable from another site)
 * arms it, once and for a short while ({@link LeaveRequest}); the callback then deletes the account if, and only if,
 * the provider's fresh answer is this account's own login.
 * A servlet, not a page: the provider's redirect carries no Faces view state. A prefix mapping wins over JAX-RS's "/*".
 */
@WebServlet(urlPatterns = "/oauth/*")
public class ProviderLoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ProviderLoginServlet.class.getName());

    /** A sign-in left at the provider's page longer than this is started again. */
    static final Duration PENDING_FOR = Duration.ofMinutes(10);
    static final String PENDING = "spoq.oauth.pending";

    @Inject
    ProviderSettings settings;

    @Inject
    ProviderClient providers;

    @Inject
    ProviderSignIn signIn;

    @Inject
    ClientAddresses addresses;

    @Inject
    AccountDeletion deletion;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        String[] parts = Optional.ofNullable(request.getPathInfo()).orElse("/").substring(1).split("/", -1);
        Optional<Provider> provider = Provider.ofWireName(parts[0]).filter(settings::configured);
        if (provider.isEmpty() || parts.length > 2 || (parts.length == 2 && !parts[1].equals("callback") && !parts[1].equals("leave"))) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        boolean leaving = parts.length == 2 && (parts[1].equals("leave") || pendingPurpose(request) == PendingAuthorization.Purpose.LEAVE);
        try {
            if (parts.length == 1) {
                start(provider.get(), request, response);
            } else if (parts[1].equals("leave")) {
                startLeaving(provider.get(), request, response);
            } else {
                callback(provider.get(), request, response);
            }
        } catch (ProviderLoginFailed failed) {
            LOG.log(Level.INFO, "A sign-in with " + provider.get().displayName() + " failed", failed);
            back(leaving, request, response, failed.getMessage());
        } catch (SpoqProblem problem) {
            back(leaving, request, response, problem.detail());
        }
    }

    /** A failed sign-in says why on /login; a failed confirmation of leaving says why on the dashboard (still logged in). */
    private static void back(boolean leaving, HttpServletRequest request, HttpServletResponse response, String notice) throws IOException {
        if (leaving && PageSession.userOf(request).isPresent()) {
            request.getSession().setAttribute(AccountCard.LEAVE_NOTICE, notice);
            redirect(request, response, "/dashboard");
        } else {
            toLogin(request, response, notice);
        }
    }

    private static PendingAuthorization.Purpose pendingPurpose(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(PENDING) instanceof PendingAuthorization pending ? pending.purpose() : null;
    }

    private void startLeaving(Provider provider, HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        if (PageSession.userOf(request).isEmpty() || session == null) {
            redirect(request, response, "/login");
            return;
        }
        Object armed = session.getAttribute(LeaveRequest.ATTRIBUTE);
        session.removeAttribute(LeaveRequest.ATTRIBUTE);
        if (!(armed instanceof LeaveRequest leave) || !leave.isFor(provider, Instant.now())) {
            back(true, request, response, "To delete your account, use \"Delete my account\" on this page.");
            return;
        }
        PendingAuthorization pending = providers.begin(provider, PendingAuthorization.Purpose.LEAVE, redirectUri(provider, request));
        session.setAttribute(PENDING, pending);
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", pending.authorizationUrl().toString());
    }

    private void start(Provider provider, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (PageSession.userOf(request).isPresent()) {
            redirect(request, response, "/setup");
            return;
        }
        PendingAuthorization pending = providers.begin(provider, PendingAuthorization.Purpose.SIGN_IN, redirectUri(provider, request));
        request.getSession(true).setAttribute(PENDING, pending);
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", pending.authorizationUrl().toString());
    }

    private void callback(Provider provider, HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        PendingAuthorization pending = session == null ? null : (PendingAuthorization) session.getAttribute(PENDING);
        if (session != null) {
            // one answer per sign-in: a replayed or second callback finds nothing
            session.removeAttribute(PENDING);
        }
        boolean leaving = pending != null && pending.purpose() == PendingAuthorization.Purpose.LEAVE;
        if (pending == null || pending.provider() != provider || !sameState(pending.state(), request.getParameter("state"))) {
            back(leaving, request, response, "That sign-in with " + provider.displayName()
                    + " did not start in this browser, or was already used. Start it again.");
            return;
        }
        if (request.getParameter("error") != null) {
            back(leaving, request, response, "access_denied".equals(request.getParameter("error"))
                    ? "You did not allow " + provider.displayName() + " to sign you in."
                    : provider.displayName() + " could not sign you in. Try again.");
            return;
        }
        if (pending.startedAt().plus(PENDING_FOR).isBefore(Instant.now())) {
            back(leaving, request, response, "That sign-in with " + provider.displayName() + " took too long. Start it again.");
            return;
        }
        ProviderIdentity who = providers.finish(pending, request.getParameter("code"));
        if (pending.purpose() == PendingAuthorization.Purpose.LEAVE) {
            leave(who, request, response);
            return;
        }
        SignInOutcome outcome = signIn.signIn(who, addresses.of(request));
        if (outcome instanceof SignInOutcome.LoggedIn in) {
            PageSession.start(request, in.token());
            redirect(request, response, "/setup");
        } else if (outcome instanceof SignInOutcome.PasswordNeeded needed) {
            session.setAttribute(LinkForm.PENDING_LINK, new LinkForm.PendingLink(needed.identity(), needed.email(), Instant.now()));
            redirect(request, response, "/link");
        } else if (outcome instanceof SignInOutcome.Refused refused) {
            toLogin(request, response, refused.message());
        }
    }

    private void leave(ProviderIdentity who, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<UUID> user = PageSession.userOf(request);
        if (user.isEmpty()) {
            toLogin(request, response, "Log in first; nothing was deleted.");
            return;
        }
        deletion.deleteConfirmedBy(user.get(), who, addresses.of(request));
        request.getSession().invalidate();
        redirect(request, response, "/");
    }

    /** Where the provider sends the browser back: under spoq.public-url when set (behind a proxy), else this request's origin. */
    private static URI redirectUri(Provider provider, HttpServletRequest request) {
        String path = "/oauth/" + provider.wireName() + "/callback";
        Optional<URI> site = PublicUrl.configured().uri();
        if (site.isPresent()) {
            String base = site.get().toString();
            return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
        }
        boolean defaultPort = (request.getScheme().equals("http") && request.getServerPort() == 80)
                || (request.getScheme().equals("https") && request.getServerPort() == 443);
        return URI.create(request.getScheme() + "://" + request.getServerName()
                + (defaultPort ? "" : ":" + request.getServerPort()) + request.getContextPath() + path);
    }

    private static boolean sameState(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /** The login page, with the reason above its form (CredentialsForm.enter shows it once). */
    private static void toLogin(HttpServletRequest request, HttpServletResponse response, String notice) throws IOException {
        request.getSession(true).setAttribute(CredentialsForm.NOTICE, notice);
        redirect(request, response, "/login");
    }

    private static void redirect(HttpServletRequest request, HttpServletResponse response, String path) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + path);
    }
}
