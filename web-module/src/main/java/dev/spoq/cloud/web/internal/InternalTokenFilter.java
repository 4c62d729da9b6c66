package dev.spoq.cloud.web.internal;

import dev.spoq.cloud.problem.ProblemKind;
import dev.spoq.cloud.problem.SpoqProblem;
import dev.spoq.cloud.web.api.BearerTokens;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

import java.util.Optional;

@Provider
@InternalOnly
@Priority(Priorities.AUTHENTICATION)
public class InternalTokenFilter implements ContainerRequestFilter {

    @Inject
    InternalToken internalToken;

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<String> token = BearerTokens.from(request);
        if (token.isEmpty()) {
            throw new SpoqProblem(ProblemKind.UNAUTHENTICATED, "unauthenticated", null,
                    "The internal API needs 'Authorization: Bearer <spoq.internal.token>'.");
        }
        if (!internalToken.matches(token.get())) {
            // a user's valid token lands here too: it proves who they are, not that they may operate the platform
            throw new SpoqProblem(ProblemKind.FORBIDDEN, "forbidden", null, "This token may not use the internal API.");
        }
    }
}
