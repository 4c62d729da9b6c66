package dev.spoq.cloud.web.internal;

import dev.spoq.cloud.audit.Actor;
import dev.spoq.cloud.audit.AuditEvent;
import dev.spoq.cloud.audit.AuditLog;
import dev.spoq.cloud.audit.CurrentActor;
import dev.spoq.cloud.audit.Outcome;
import dev.spoq.cloud.web.api.BearerTokens;
import dev.spoq.cloud.web.api.ClientAddresses;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Writes every call of the internal API to the audit log: as the operator whose token it carried (named by the
 * token's fingerprint, never the token), what (internal.&lt;resource&gt;.&lt;operation&gt;, e.g.
 * internal.containers.suspend), on which computer or account, from where, and how it ended (by the answer's
 * status: refused calls too, a wrong token included). It runs before the token check, to name the actor the
 * services' own audit rows get.
 *
 * <p>The SSH gateway's questions (GatewayResource, GatewaySessionsResource) are left out: a routing decision for
 * every login attempt and a re-check of open sessions every few seconds are machine traffic, not administration.
 */
@Provider
@InternalOnly
@Priority(Priorities.AUTHENTICATION - 100)
public class InternalCallAudit implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Logger LOG = Logger.getLogger(InternalCallAudit.class.getName());
    private static final Set<Class<?>> NOT_AUDITED = Set.of(GatewayResource.class, GatewaySessionsResource.class);
    private static final Pattern CAPITAL = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");
    private static final Pattern UUID_SHAPE = Pattern.compile("^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$");

    @Inject
    InternalToken token;

    @Inject
    AuditLog audit;

    @Inject
    ClientAddresses addresses;

    @Context
    ResourceInfo resource;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<String> presented = BearerTokens.from(request);
        String who = presented.isEmpty() ? "no-token" : token.matches(presented.get()) ? token.fingerprint() : "wrong-token";
        CurrentActor.become(Actor.operator(who));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Class<?> resourceClass = resource.getResourceClass();
        if (resourceClass == null || NOT_AUDITED.contains(resourceClass)) {
            return;
        }
        var path = request.getUriInfo().getPathParameters();
        UUID computer = "ContainersResource".equals(resourceClass.getSimpleName()) ? uuid(path.getFirst("id")) : null;
        UUID account = Optional.ofNullable(uuid(path.getFirst("userId")))
                .orElseGet(() -> resourceClass == AuditResource.class ? null
                        : uuid(request.getUriInfo().getQueryParameters().getFirst("user_id")));
        String action = "internal." + slug(resourceClass.getSimpleName().replaceFirst("Resource$", "")) + "."
                + slug(resource.getResourceMethod().getName());
        try {
            audit.recordIndependently(AuditEvent.of(action).account(account).computer(computer)
                    .detail(request.getMethod() + " /" + request.getUriInfo().getPath().replaceFirst("^/", "") + " -> "
                            + response.getStatus())
                    .from(addresses.of(servletRequest)).outcome(Outcome.ofHttpStatus(response.getStatus())));
        } catch (RuntimeException e) {
            // the call has happened; losing its row must not turn its answer into an error
            LOG.log(Level.WARNING, "Could not write the audit row of " + action, e);
        }
    }

    private static String slug(String camel) {
        return CAPITAL.matcher(camel).replaceAll("-").toLowerCase(java.util.Locale.ROOT);
    }

    private static UUID uuid(String raw) {
        return raw != null && UUID_SHAPE.matcher(raw).matches() ? UUID.fromString(raw) : null;
    }
}
