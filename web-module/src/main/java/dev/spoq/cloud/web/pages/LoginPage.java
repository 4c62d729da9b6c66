package dev.spoq.cloud.web.pages;

import dev.spoq.cloud.account.AccountService;
import dev.spoq.cloud.problem.SpoqProblem;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.Map;

/**
 * /login: the same check as the API's login, throttling included (its "too many attempts" is shown as
 * it comes). Afterwards /setup, which sends a finished user on to the dashboard.
 */
@Named
@RequestScoped
public class LoginPage {

    private static final Map<String, String> FIELDS = Map.of("email", "login:email", "password", "login:password");

    @Inject
    AccountService accounts;

    @Inject
    PageSession session;

    private String email;
    private String password;

    public void enter() {
        if (session.isLoggedIn()) {
            PageSession.redirect("/setup");
        }
    }

    public void logIn() {
        try {
            session.start(accounts.login(email, password, PageSession.remoteAddress()));
            PageSession.redirect("/setup");
        } catch (SpoqProblem problem) {
            // wrong credentials and throttling have no field: shown above the form
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
