package dev.spoq.cloud.web.api;

import dev.spoq.cloud.problem.ProblemKind;
import dev.spoq.cloud.problem.SpoqProblem;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class SpoqProblemMapper implements ExceptionMapper<SpoqProblem> {

    @Override
    public Response toResponse(SpoqProblem problem) {
        Response response = Problems.response(problem.kind().httpStatus(), problem.type(), problem.field(),
                problem.detail(), problem.extras());
        if (problem.kind() == ProblemKind.THROTTLED && problem.extras().get("retry_after_seconds") != null) {
            return Response.fromResponse(response)
                    .header(HttpHeaders.RETRY_AFTER, problem.extras().get("retry_after_seconds")).build();
        }
        if (problem.kind() == ProblemKind.UNAUTHENTICATED) {
            return Response.fromResponse(response).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"spoq\"").build();
        }
        return response;
    }
}
