package dev.spoq.cloud.web.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/**
 * Writes down the matched route's template for {@link ApiMetricsFilter}: the first filter after matching (before
 * the token checks, so a 401 is counted under its route too).
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 100)
public class ApiRouteFilter implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(ApiMetricsFilter.ROUTE, RouteTemplate.of(resource.getResourceClass(), resource.getResourceMethod()));
    }
}
