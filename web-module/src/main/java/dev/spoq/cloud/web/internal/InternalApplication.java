package dev.spoq.cloud.web.internal;

import dev.spoq.cloud.web.api.JsonbConfiguration;
import dev.spoq.cloud.web.api.SpoqProblemMapper;
import dev.spoq.cloud.web.api.UnexpectedFailureMapper;
import dev.spoq.cloud.web.api.WebApplicationExceptionMapper;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import java.util.Set;

/** The control plane's own API for operators and the SSH gateway: never for users' tokens. */
@ApplicationPath("/internal")
public class InternalApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(ProvisioningQueueResource.class,
                InternalTokenFilter.class, JsonbConfiguration.class, SpoqProblemMapper.class,
                WebApplicationExceptionMapper.class, UnexpectedFailureMapper.class);
    }
}
