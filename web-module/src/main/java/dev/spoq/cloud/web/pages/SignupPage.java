package dev.spoq.cloud.web.pages;

import dev.spoq.cloud.account.AccountService;
import dev.spoq.cloud.problem.SpoqProblem;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.Map;

/** /signup: email and password; the account is the same one the API logs into. */
@Named
@RequestScoped
public class SignupPage {

    private static final Map<String, String> FIELDS = Map.of("email", "signup:email", "password", "signup:password");

    @Inject
    AccountService accounts;

    @Inject
    PageSession session;

    private String email;
    private String password;

    /** A logged-in visitor has nothing to do here. */
    public void enter() {
        if (session.isLoggedIn()) {
            PageSession.redirect("/setup");
        }
    }

    public void signUp() {
        try {
            session.start(accounts.register(email, password, PageSession.remoteAddress()));
            PageSession.redirect("/setup");
        } catch (SpoqProblem problem) {
            Messages.problem(problem, FIELDS);
        } catch (RuntimeException e) {
            Messages.unexpected(e);
        }
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
