package dev.spoq.cloud.web.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

import java.util.Set;

/** The public API under /api. Its classes are listed so that /internal's resources never appear here. */
@ApplicationPath("/api")
@OpenAPIDefinition(info = @Info(title = "Spoq Cloud API", version = "1",
        description = "Accounts, your address, profiles and devices for your Spoq computer. "
                + "Errors are application/problem+json (RFC 9457) with the field at fault."))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer")
public class ApiApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(AuthResource.class, SubdomainResource.class, SetupResource.class, DeviceResource.class,
                StatusResource.class,
                BearerTokenFilter.class, JsonbConfiguration.class, SpoqProblemMapper.class,
                WebApplicationExceptionMapper.class, UnexpectedFailureMapper.class);
    }
}
