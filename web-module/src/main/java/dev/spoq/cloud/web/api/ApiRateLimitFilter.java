package dev.spoq.cloud.web.api;

import dev.spoq.cloud.account.AccountService;
import dev.spoq.cloud.ratelimit.Hit;
import dev.spoq.cloud.ratelimit.RateLimited;
import dev.spoq.cloud.ratelimit.RateLimiter;
import dev.spoq.cloud.ratelimit.RateLimits;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import java.util.ArrayList;
import java.util.List;

/**
 * Every /api call counts against its client address and, when it carries a bearer token, against that
 * token (by the token's hash), before anything else runs — unknown paths and bad tokens included.
 * Over either limit: 429 with Retry-After, as problem+json naming the limit ({@link SpoqProblemMapper}).
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 500)
public class ApiRateLimitFilter implements ContainerRequestFilter {

    @Inject
    RateLimiter limiter;

    @Inject
    RateLimits limits;

    @Inject
    ClientAddresses addresses;

    @Context
    HttpServletRequest http;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.equals("api") && !path.startsWith("api/") && !path.startsWith("/api")) {
            return;
        }
        List<Hit> hits = new ArrayList<>();
        hits.add(new Hit(limits.apiPerAddress(), addresses.of(http)));
        BearerTokens.from(request).ifPresent(token -> hits.add(new Hit(limits.apiPerToken(), AccountService.sha256(token))));
        limiter.take(hits.toArray(Hit[]::new)).refused().ifPresent(refusal -> {
            throw RateLimited.problem("too-many-requests", refusal.limit() == limits.apiPerToken()
                    ? "Too many requests with this token." : "Too many requests from your address.", refusal);
        });
    }
}
