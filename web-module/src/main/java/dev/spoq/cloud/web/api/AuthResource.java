package dev.spoq.cloud.web.api;

import dev.spoq.cloud.account.AccountService;
import dev.spoq.cloud.account.IssuedToken;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

@Path("/api/auth")
@Tag(name = "Account")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    @Inject
    AccountService accounts;

    @Inject
    Caller caller;

    @Inject
    ClientAddresses addresses;

    @Context
    HttpServletRequest http;

    public record Registered(UUID userId, String token, Instant expiresAt) {
    }

    public record LoggedIn(String token, Instant expiresAt) {
    }

    @POST
    @Path("/register")
    @Operation(summary = "Create an account", description = "Password: 10 to 256 characters, not a well-known one.")
    @APIResponse(responseCode = "201", description = "Created; the token logs you in",
            content = @Content(schema = @Schema(implementation = Registered.class)))
    @APIResponse(responseCode = "400", description = "Bad email or weak password")
    @APIResponse(responseCode = "409", description = "Email already registered")
    @APIResponse(responseCode = "429", description = "Too many new accounts from your address; see Retry-After")
    public Response register(ApiRequests.Credentials body) {
        IssuedToken issued = accounts.register(body.email(), body.password(), addresses.of(http));
        return Response.status(Response.Status.CREATED)
                .entity(new Registered(issued.userId(), issued.token(), issued.expiresAt())).build();
    }

    @POST
    @Path("/login")
    @Operation(summary = "Log in", description = "Repeated failures for one email or from one address are refused with 429 and Retry-After.")
    @APIResponse(responseCode = "200", description = "Logged in", content = @Content(schema = @Schema(implementation = LoggedIn.class)))
    @APIResponse(responseCode = "401", description = "Wrong email or password")
    @APIResponse(responseCode = "429", description = "Too many failures; see Retry-After")
    public LoggedIn login(ApiRequests.Credentials body) {
        IssuedToken issued = accounts.login(body.email(), body.password(), addresses.of(http));
        return new LoggedIn(issued.token(), issued.expiresAt());
    }

    @POST
    @Path("/logout")
    @Authenticated
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Revoke the token of this request")
    @SecurityRequirement(name = "bearer")
    public Map<String, Boolean> logout() {
        accounts.logout(caller.token());
        return Map.of("success", true);
    }
}
