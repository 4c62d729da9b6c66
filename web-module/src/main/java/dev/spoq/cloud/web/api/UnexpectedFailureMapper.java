package dev.spoq.cloud.web.api;

import dev.spoq.cloud.problem.SpoqProblem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Our own bugs: logged in full with an incident id, answered with that id and no stack trace.
 * A SpoqProblem that an EJB container wrapped is unwrapped and answered as itself.
 */
@Provider
public class UnexpectedFailureMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedFailureMapper.class.getName());

    @Override
    public Response toResponse(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SpoqProblem problem) {
                return new SpoqProblemMapper().toResponse(problem);
            }
            if (t instanceof WebApplicationException web) {
                return new WebApplicationExceptionMapper().toResponse(web);
            }
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected failure, incident " + incident, failure);
        return Problems.response(500, "server-error", null,
                "Something went wrong on our side. Quote incident " + incident + " if you contact support.",
                Map.of("incident", incident));
    }
}
