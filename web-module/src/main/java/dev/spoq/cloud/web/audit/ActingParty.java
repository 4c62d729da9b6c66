package dev.spoq.cloud.web.audit;

import dev.spoq.cloud.audit.Actor;
import dev.spoq.cloud.audit.CurrentActor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Tells the audit log who acts in each request (dev.spoq.cloud.audit.CurrentActor): on the site and the user API,
 * the user each event is about; on Stripe's webhooks, the platform; on the internal API, an operator, whom the
 * internal API's own filter then names by the token. Cleared after the request: the thread serves others next.
 */
@WebFilter(filterName = "ActingParty", urlPatterns = "/*")
public class ActingParty extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Actor actor = actorOf(request.getRequestURI());
        try (CurrentActor.Scope ignored = actor == null ? CurrentActor.actAsTheAccount() : CurrentActor.actAs(actor)) {
            chain.doFilter(request, response);
        }
    }

    static Actor actorOf(String path) {
        if (path.startsWith("/internal/") || path.equals("/internal")) {
            return Actor.operator(null);
        }
        if (path.startsWith("/webhooks/")) {
            return Actor.system("stripe-webhook");
        }
        return null; // the account's own
    }
}
