package dev.spoq.cloud.account;

import dev.spoq.cloud.subdomain.PublicAddresses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Optional;

/** The one reader of spoq.account.* and of the site address the mailed links start with. */
@ApplicationScoped
public class AccountSettings {

    @Inject
    @ConfigProperty(name = "spoq.account.verify-within-hours", defaultValue = "48")
    int verifyWithinHours;

    @Inject
    @ConfigProperty(name = "spoq.account.reset-link-minutes", defaultValue = "60")
    int resetLinkMinutes;

    @Inject
    @ConfigProperty(name = "spoq.account.verify-link-days", defaultValue = "7")
    int verifyLinkDays;

    @Inject
    @ConfigProperty(name = "spoq.account.sweep-interval-seconds", defaultValue = "60")
    int sweepIntervalSeconds;

    @Inject
    @ConfigProperty(name = "spoq.account.reset-requests-per-email", defaultValue = "5")
    int resetRequestsPerEmail;

    @Inject
    @ConfigProperty(name = "spoq.account.reset-requests-per-address", defaultValue = "30")
    int resetRequestsPerAddress;

    @Inject
    @ConfigProperty(name = "spoq.profile.keep-home-days", defaultValue = "30")
    int keepHomeDays;

    @Inject
    @ConfigProperty(name = "spoq.public-url")
    Optional<String> publicUrl;

    @Inject
    PublicAddresses addresses;

    /** An account still unverified this long after sign-up has its computer suspended until it verifies. */
    public Duration verifyWithin() {
        return Duration.ofHours(verifyWithinHours);
    }

    public Duration resetLinkLife() {
        return Duration.ofMinutes(Math.max(1, resetLinkMinutes));
    }

    public Duration verifyLinkLife() {
        return Duration.ofDays(Math.max(1, verifyLinkDays));
    }

    public Duration sweepInterval() {
        return Duration.ofSeconds(Math.max(1, sweepIntervalSeconds));
    }

    public int resetRequestsPerEmail() {
        return Math.max(1, resetRequestsPerEmail);
    }

    public int resetRequestsPerAddress() {
        return Math.max(1, resetRequestsPerAddress);
    }

    public Duration keepHome() {
        return Duration.ofDays(Math.max(0, keepHomeDays));
    }

    /** Where the pages live: spoq.public-url, else https://<spoq.domain>; no trailing slash. */
    public String site() {
        String base = publicUrl.filter(url -> !url.isBlank()).orElse("https://" + addresses.domain()).strip();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
