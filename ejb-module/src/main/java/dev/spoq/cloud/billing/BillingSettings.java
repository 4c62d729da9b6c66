package dev.spoq.cloud.billing;

import dev.spoq.cloud.subdomain.PublicAddresses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Optional;

/** The one reader of spoq.billing.* and of the plans' prices (spoq.stripe.price-*). */
@ApplicationScoped
public class BillingSettings {

    @Inject
    @ConfigProperty(name = "spoq.billing.trial-days", defaultValue = "7")
    int trialDays;

    @Inject
    @ConfigProperty(name = "spoq.billing.grace-days", defaultValue = "7")
    int graceDays;

    @Inject
    @ConfigProperty(name = "spoq.billing.retention-days", defaultValue = "30")
    int retentionDays;

    @Inject
    @ConfigProperty(name = "spoq.billing.sweep-interval-seconds", defaultValue = "60")
    int sweepIntervalSeconds;

    @Inject
    @ConfigProperty(name = "spoq.stripe.price-monthly", defaultValue = "price_monthly")
    String priceMonthly;

    @Inject
    @ConfigProperty(name = "spoq.stripe.price-yearly", defaultValue = "price_yearly")
    String priceYearly;

    /** Where Checkout and the Customer Portal send people back, and the page SSH banners name. */
    @Inject
    @ConfigProperty(name = "spoq.billing.dashboard-url")
    Optional<String> dashboardUrl;

    @Inject
    PublicAddresses addresses;

    public Duration trial() {
        return Duration.ofDays(trialDays);
    }

    public Duration grace() {
        return Duration.ofDays(graceDays);
    }

    public Duration retention() {
        return Duration.ofDays(retentionDays);
    }

    public Duration sweepInterval() {
        return Duration.ofSeconds(Math.max(1, sweepIntervalSeconds));
    }

    public String priceOf(Plan plan) {
        return plan == Plan.MONTHLY ? priceMonthly : priceYearly;
    }

    public Optional<Plan> planOfPrice(String priceId) {
        if (priceMonthly.equals(priceId)) {
            return Optional.of(Plan.MONTHLY);
        }
        return priceYearly.equals(priceId) ? Optional.of(Plan.YEARLY) : Optional.empty();
    }

    /** https://spoq.dev/dashboard unless spoq.billing.dashboard-url says otherwise. */
    public String dashboardUrl() {
        return dashboardUrl.filter(url -> !url.isBlank()).orElse("https://" + addresses.domain() + "/dashboard");
    }
}
