package dev.spoq.cloud.web.pages;

import dev.spoq.cloud.account.AccountService;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A page login holds a token (AccountService.login issues one). "Log out" revokes it (PageSession.logout);
 * a session that times out has it revoked here. Sessions dropped because the server stops keep theirs
 * (the database may already be gone); it expires on its own and was never shown to anyone.
 */
@WebListener
public class SessionTokens implements HttpSessionListener {

    private static final Logger LOG = Logger.getLogger(SessionTokens.class.getName());

    @Inject
    AccountService accounts;

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        HttpSession session = event.getSession();
        if (session.getAttribute(PageSession.TOKEN) instanceof String token && timedOut(session)) {
            revoke(accounts, token);
        }
    }

    static void revoke(AccountService accounts, String token) {
        try {
            accounts.logout(token);
        } catch (RuntimeException e) {
            // the token expires on its own; a failed revocation must not break a logout
            LOG.log(Level.WARNING, "Could not revoke the token of an ended page session", e);
        }
    }

    private static boolean timedOut(HttpSession session) {
        long idleMillis = System.currentTimeMillis() - session.getLastAccessedTime();
        return session.getMaxInactiveInterval() > 0 && idleMillis >= session.getMaxInactiveInterval() * 1000L - 5_000;
    }
}
