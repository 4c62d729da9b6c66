package dev.spoq.cloud.ratelimit;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** Every limit the control plane enforces, from MicroProfile Config (names and defaults in the README). */
@ApplicationScoped
public class RateLimits {

    @Inject
    @ConfigProperty(name = "spoq.limits.api.per-address", defaultValue = "300")
    int apiPerAddress;

    @Inject
    @ConfigProperty(name = "spoq.limits.api.per-token", defaultValue = "120")
    int apiPerToken;

    @Inject
    @ConfigProperty(name = "spoq.limits.api.window-seconds", defaultValue = "60")
    int apiWindowSeconds;

    @Inject
    @ConfigProperty(name = "spoq.limits.registrations.per-address", defaultValue = "10")
    int registrationsPerAddress;

    @Inject
    @ConfigProperty(name = "spoq.limits.claims.per-address", defaultValue = "5")
    int claimsPerAddress;

    @Inject
    @ConfigProperty(name = "spoq.limits.claims.global", defaultValue = "200")
    int claimsGlobal;

    @Inject
    @ConfigProperty(name = "spoq.limits.signup.window-minutes", defaultValue = "60")
    int signupWindowMinutes;

    @Inject
    @ConfigProperty(name = "spoq.login.max-failures-per-email", defaultValue = "5")
    int loginPerEmail;

    @Inject
    @ConfigProperty(name = "spoq.login.max-failures-per-address", defaultValue = "100")
    int loginPerAddress;

    @Inject
    @ConfigProperty(name = "spoq.login.failure-window-minutes", defaultValue = "15")
    int loginWindowMinutes;

    private Limit apiAddress;
    private Limit apiToken;
    private Limit registrations;
    private Limit claimsAddress;
    private Limit claimsAll;
    private Limit loginEmail;
    private Limit loginAddress;

    @PostConstruct
    void build() {
        Duration api = Duration.ofSeconds(apiWindowSeconds);
        Duration signup = Duration.ofMinutes(signupWindowMinutes);
        Duration login = Duration.ofMinutes(loginWindowMinutes);
        // every /api request pays these two: reserved in batches, not one database transaction per request
        apiAddress = Limit.leased("api-per-address", apiPerAddress, api);
        apiToken = Limit.leased("api-per-token", apiPerToken, api);
        registrations = new Limit("registrations-per-address", registrationsPerAddress, signup);
        claimsAddress = new Limit("claims-per-address", claimsPerAddress, signup);
        // each claim starts a computer: many addresses together must not start them without end either
        claimsAll = new Limit("claims-global", claimsGlobal, signup);
        loginEmail = new Limit("login-per-email", loginPerEmail, login);
        loginAddress = new Limit("login-per-address", loginPerAddress, login);
    }

    public Limit apiPerAddress() {
        return apiAddress;
    }

    public Limit apiPerToken() {
        return apiToken;
    }

    public Limit registrationsPerAddress() {
        return registrations;
    }

    public Limit claimsPerAddress() {
        return claimsAddress;
    }

    public Limit claimsGlobal() {
        return claimsAll;
    }

    public Limit loginPerEmail() {
        return loginEmail;
    }

    public Limit loginPerAddress() {
        return loginAddress;
    }
}
