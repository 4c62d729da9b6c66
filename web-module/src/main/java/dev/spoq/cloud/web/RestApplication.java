package dev.spoq.cloud.web;

import dev.spoq.cloud.web.api.ApiMetricsFilter;
import dev.spoq.cloud.web.api.AccountResource;
import dev.spoq.cloud.web.api.ApiRateLimitFilter;
import dev.spoq.cloud.web.api.ApiRouteFilter;
import dev.spoq.cloud.web.api.AuthResource;
import dev.spoq.cloud.web.api.BillingResource;
import dev.spoq.cloud.web.api.BearerTokenFilter;
import dev.spoq.cloud.web.api.DeviceResource;
import dev.spoq.cloud.web.api.JsonRequestReader;
import dev.spoq.cloud.web.api.JsonbConfiguration;
import dev.spoq.cloud.web.api.ProfileResource;
import dev.spoq.cloud.web.api.SetupResource;
import dev.spoq.cloud.web.api.SpoqProblemMapper;
import dev.spoq.cloud.web.api.StatusResource;
import dev.spoq.cloud.web.api.SubdomainResource;
import dev.spoq.cloud.web.api.UnexpectedFailureMapper;
import dev.spoq.cloud.web.api.UsageResource;
import dev.spoq.cloud.web.api.WebApplicationExceptionMapper;
import dev.spoq.cloud.web.health.PublicHealth;
import dev.spoq.cloud.web.internal.AuditResource;
import dev.spoq.cloud.web.internal.BackupsResource;
import dev.spoq.cloud.web.internal.BillingAccountsResource;
import dev.spoq.cloud.web.internal.ContainerRestoreResource;
import dev.spoq.cloud.web.internal.ContainersResource;
import dev.spoq.cloud.web.internal.GatewayResource;
import dev.spoq.cloud.web.internal.GatewaySessionsResource;
import dev.spoq.cloud.web.internal.InternalCallAudit;
import dev.spoq.cloud.web.internal.InternalTokenFilter;
import dev.spoq.cloud.web.internal.ProvisioningQueueResource;
import dev.spoq.cloud.web.webhooks.StripeWebhookResource;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

import java.util.Set;

/**
 * One JAX-RS application for /api (users) and /internal (operators, the SSH gateway): one
 * application keeps the OpenAPI document whole. Each resource carries its full path; /internal
 * resources are guarded by {@link InternalTokenFilter}, /api ones by {@link BearerTokenFilter}.
 */
@ApplicationPath("/")
@OpenAPIDefinition(info = @Info(title = "Spoq Cloud API", version = "1",
        description = "Accounts, your address, profiles and devices for your Spoq computer. "
                + "Errors are application/problem+json (RFC 9457) with the field at fault."))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer")
public class RestApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(AuthResource.class, SubdomainResource.class, SetupResource.class, DeviceResource.class,
                StatusResource.class, PublicHealth.class, ProvisioningQueueResource.class, ContainersResource.class, GatewayResource.class,
                GatewaySessionsResource.class, BillingResource.class, StripeWebhookResource.class, BillingAccountsResource.class,
                BackupsResource.class, ContainerRestoreResource.class,
                ApiRateLimitFilter.class, BearerTokenFilter.class, InternalTokenFilter.class, JsonbConfiguration.class, JsonRequestReader.class, SpoqProblemMapper.class,
                WebApplicationExceptionMapper.class, UnexpectedFailureMapper.class,
                UsageResource.class, ApiMetricsFilter.class, ApiRouteFilter.class,
                AuditResource.class, InternalCallAudit.class,
                AccountResource.class, ProfileResource.class);
    }
}
