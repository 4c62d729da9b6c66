package dev.spoq.cloud.web.pages;

import dev.spoq.cloud.account.AccountService;
import dev.spoq.cloud.account.IssuedToken;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * The email-and-password form of /login and /signup (its markup: WEB-INF/tags/credentials.xhtml): the same
 * fields, the service's answers next to them (wrong credentials and throttling name no field: above the form),
 * the session started the same way. /login logs in (the API's check, throttling included), /signup registers
 * the account the API logs into. Afterwards /setup, which sends a finished user on to the dashboard.
 */
@Named
@RequestScoped
public class CredentialsForm {

    private static final FormFields LOGIN = fields("login");
    private static final FormFields SIGNUP = fields("signup");

    @Inject
    AccountService accounts;

    @Inject
    PageSession session;

    private String email;
    private String password;

    /** What a page does with the pair (AccountService.login or register). */
    @FunctionalInterface
    private interface Authentication {
        IssuedToken of(String email, String password, String remoteAddress);
    }

    /** Why a provider's sign-in sent the browser here (ProviderLoginServlet), shown once above the form. */
    static final String NOTICE = "spoq.oauth.notice";

    /** A logged-in visitor has nothing to do on either page. */
    public void enter() {
        if (session.isLoggedIn()) {
            PageSession.redirect("/setup");
            return;
        }
        HttpSession http = ((HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest()).getSession(false);
        if (http != null && http.getAttribute(NOTICE) instanceof String notice) {
            http.removeAttribute(NOTICE);
            Messages.error(null, notice);
        }
    }

    public void logIn() {
        submit(LOGIN, accounts::login);
    }

    public void signUp() {
        submit(SIGNUP, accounts::register);
    }

    private void submit(FormFields fields, Authentication authentication) {
        fields.run(() -> {
            session.start(authentication.of(email, password, PageSession.remoteAddress()));
            PageSession.redirect("/setup");
        });
    }

    private static FormFields fields(String form) {
        return FormFields.of(form, "email", "email", "password", "password");
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
