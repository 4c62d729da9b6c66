package dev.spoq.cloud.web.api;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Optional;

/** The client address of a request, the one that limits and the audit log use (see {@link TrustedProxies}). */
@ApplicationScoped
public class ClientAddresses {

    @Inject
    @ConfigProperty(name = "spoq.trusted-proxies")
    Optional<List<String>> trustedProxies;

    private TrustedProxies proxies;

    @PostConstruct
    void load() {
        proxies = TrustedProxies.of(trustedProxies.orElse(List.of()));
    }

    public String of(HttpServletRequest request) {
        return proxies.clientOf(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"));
    }
}
