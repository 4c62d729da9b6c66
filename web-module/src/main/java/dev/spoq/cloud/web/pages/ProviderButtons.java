package dev.spoq.cloud.web.pages;

import dev.spoq.cloud.oauth.Provider;
import dev.spoq.cloud.oauth.ProviderSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Which "Continue with ..." buttons /login and /signup show: only those of providers whose client is configured. */
@Named
@ApplicationScoped
public class ProviderButtons {

    @Inject
    ProviderSettings settings;

    public boolean isGoogle() {
        return settings.configured(Provider.GOOGLE);
    }

    public boolean isGithub() {
        return settings.configured(Provider.GITHUB);
    }

    public boolean isAny() {
        return isGoogle() || isGithub();
    }
}
