package dev.spoq.cloud.web.pages;

import dev.spoq.cloud.account.AccountService;
import dev.spoq.cloud.account.IssuedToken;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The dashboard's "Create an API token": the bearer token {@code POST /api/auth/login} would give, for people
 * who have no password to send there (accounts made through Google or GitHub) and for scripts. Shown in the answer
 * to the click only; the database keeps its hash.
 */
@Named
@RequestScoped
public class ApiTokenCard {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    @Inject
    AccountService accounts;

    @Inject
    PageSession session;

    private IssuedToken issued;

    public void create() {
        Messages.attempt(() -> issued = accounts.issueApiToken(session.userId(), PageSession.remoteAddress()),
                problem -> Messages.error(null, problem.detail()));
    }

    public String getToken() {
        return issued == null ? null : issued.token();
    }

    public String getExpires() {
        return issued == null ? null : DAY.format(issued.expiresAt());
    }
}
