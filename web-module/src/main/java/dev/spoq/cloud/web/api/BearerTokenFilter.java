package dev.spoq.cloud.web.api;

import dev.spoq.cloud.account.AccountService;
import dev.spoq.cloud.problem.ProblemKind;
import dev.spoq.cloud.problem.SpoqProblem;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

import java.util.UUID;

@Provider
@Authenticated
@Priority(Priorities.AUTHENTICATION)
public class BearerTokenFilter implements ContainerRequestFilter {

    @Inject
    AccountService accounts;

    @Inject
    Caller caller;

    @Override
    public void filter(ContainerRequestContext request) {
        String token = BearerTokens.from(request).orElseThrow(() -> unauthenticated("Log in and send your token as 'Authorization: Bearer <token>'."));
        UUID userId = accounts.authenticate(token).orElseThrow(() -> unauthenticated("Your token is unknown, expired or revoked. Log in again."));
        caller.authenticatedAs(userId, token);
    }

    private static SpoqProblem unauthenticated(String detail) {
        return new SpoqProblem(ProblemKind.UNAUTHENTICATED, "unauthenticated", null, detail);
    }
}
