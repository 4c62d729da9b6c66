package dev.spoq.cloud.web.pages;

import dev.spoq.cloud.oauth.ProviderIdentity;
import dev.spoq.cloud.oauth.ProviderSignIn;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * /link: a provider's verified email matched a password account, so its login joins that account only once the
 * account's password is entered here (no takeover by whoever controls a provider account with that address).
 * What is being linked was put in the session by ProviderLoginServlet after the provider's answer passed its
 * checks; nothing the browser posts names it.
 */
@Named
@RequestScoped
public class LinkForm {

    static final String PENDING_LINK = "spoq.oauth.link";
    private static final Duration LINK_WITHIN = Duration.ofMinutes(10);
    private static final FormFields FIELDS = FormFields.of("link", "password", "password");

    /** A provider login waiting for the password of the account of its email. */
    public record PendingLink(ProviderIdentity identity, String email, Instant at) implements Serializable {
    }

    @Inject
    ProviderSignIn signIn;

    @Inject
    PageSession session;

    private String password;
    private PendingLink pending;

    /** Nothing to link (opened by hand, used, or left too long): the login page. */
    public void enter() {
        if (session.isLoggedIn()) {
            PageSession.redirect("/setup");
            return;
        }
        pending = current();
        if (pending == null) {
            PageSession.redirect("/login");
        }
    }

    public void link() {
        PendingLink link = current();
        if (link == null) {
            PageSession.redirect("/login");
            return;
        }
        FIELDS.run(() -> {
            var token = signIn.link(link.identity(), password, PageSession.remoteAddress());
            httpSession().removeAttribute(PENDING_LINK);
            session.start(token);
            PageSession.redirect("/setup");
        });
    }

    private PendingLink current() {
        HttpSession http = httpSession();
        if (http != null && http.getAttribute(PENDING_LINK) instanceof PendingLink link
                && link.at().plus(LINK_WITHIN).isAfter(Instant.now())) {
            return link;
        }
        return null;
    }

    private static HttpSession httpSession() {
        return ((HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest()).getSession(false);
    }

    public String getEmail() {
        PendingLink link = pending != null ? pending : current();
        return link == null ? "" : link.email();
    }

    public String getProvider() {
        PendingLink link = pending != null ? pending : current();
        return link == null ? "" : link.identity().provider().displayName();
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
