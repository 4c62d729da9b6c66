package dev.spoq.cloud.web.api;

import dev.spoq.cloud.account.AccountDeletion;
import dev.spoq.cloud.account.AccountOverview;
import dev.spoq.cloud.account.AccountService;
import dev.spoq.cloud.account.EmailVerification;
import dev.spoq.cloud.account.PasswordReset;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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

import java.util.Map;

/**
 * The account itself: its email (verification), its password (reset by a mailed link, change), its sessions (log
 * out everywhere) and leaving. The links' tokens authenticate the two public calls; every other call acts on the
 * caller's own account only (nothing in a body names an account).
 */
@Path("/api/account")
@Tag(name = "Account")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    /** The same words whether or not the address has an account. */
    static final String RESET_ANSWER = "If an account uses this address, we sent it a link to choose a new password. "
            + "It works once, within the hour.";

    @Inject
    AccountService accounts;

    @Inject
    EmailVerification verification;

    @Inject
    PasswordReset reset;

    @Inject
    AccountDeletion deletion;

    @Inject
    AccountOverview overview;

    @Inject
    Caller caller;

    @Inject
    ClientAddresses addresses;

    @Context
    HttpServletRequest http;

    @GET
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Your account: email, whether it is confirmed (and by when it must be), removed profiles and their kept homes")
    @APIResponse(responseCode = "200", description = "Your account", content = @Content(schema = @Schema(implementation = AccountOverview.View.class)))
    public AccountOverview.View get() {
        return overview.of(caller.userId());
    }

    @POST
    @Path("/verify-email")
    @Operation(summary = "Confirm your email with the token of the link we mailed",
            description = "A computer stopped because the email was not confirmed in time starts again.")
    @APIResponse(responseCode = "200", description = "Confirmed")
    @APIResponse(responseCode = "400", description = "The link does not work (used, expired, unknown): field token")
    public Map<String, Boolean> verifyEmail(AccountRequests.EmailLinkToken body) {
        verification.verify(body.token(), addresses.of(http));
        return Map.of("verified", true);
    }

    @POST
    @Path("/verify-email/resend")
    @Authenticated
    @Consumes(MediaType.WILDCARD)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Mail the confirmation link again")
    @APIResponse(responseCode = "202", description = "Sent")
    @APIResponse(responseCode = "409", description = "Already confirmed")
    @APIResponse(responseCode = "429", description = "Sent too often; see Retry-After")
    public Response resendVerification() {
        verification.resend(caller.userId());
        return Response.accepted(Map.of("sent", true)).build();
    }

    @POST
    @Path("/password-reset")
    @Operation(summary = "Forgot your password: mail a reset link",
            description = "Answers the same whether or not the address has an account. The link works once, for an hour.")
    @APIResponse(responseCode = "202", description = "Sent if the address has an account")
    @APIResponse(responseCode = "400", description = "Not an email address: field email")
    @APIResponse(responseCode = "429", description = "Too many requests for this address, or from yours; see Retry-After")
    public Response requestReset(AccountRequests.ResetRequest body) {
        reset.request(body.email(), addresses.of(http));
        return Response.accepted(Map.of("message", RESET_ANSWER)).build();
    }

    @POST
    @Path("/password-reset/complete")
    @Operation(summary = "Choose a new password with the token of the reset link",
            description = "Every session and token of the account ends; log in with the new password.")
    @APIResponse(responseCode = "200", description = "Changed")
    @APIResponse(responseCode = "400", description = "The link does not work (field token), or the password is too weak (field password)")
    public Map<String, Boolean> completeReset(AccountRequests.ResetCompletion body) {
        reset.complete(body.token(), body.password(), addresses.of(http));
        return Map.of("success", true);
    }

    @POST
    @Path("/password")
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Change your password", description = "Asks for the current one; every other session and token ends, this one goes on.")
    @APIResponse(responseCode = "200", description = "Changed")
    @APIResponse(responseCode = "400", description = "Too weak (field password), or no current password (field current_password)")
    @APIResponse(responseCode = "403", description = "The current password is wrong: field current_password")
    @APIResponse(responseCode = "429", description = "Too many wrong passwords; see Retry-After")
    public Map<String, Boolean> changePassword(AccountRequests.PasswordChange body) {
        accounts.changePassword(caller.userId(), body.currentPassword(), body.password(), caller.token(), addresses.of(http));
        return Map.of("success", true);
    }

    @POST
    @Path("/logout-everywhere")
    @Authenticated
    @Consumes(MediaType.WILDCARD)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Log out everywhere: every session and token of the account ends, this one too")
    @APIResponse(responseCode = "200", description = "How many sessions ended")
    public Map<String, Integer> logoutEverywhere() {
        return Map.of("ended", accounts.logoutEverywhere(caller.userId(), addresses.of(http)));
    }

    @POST
    @Path("/delete")
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Delete your account",
            description = "Asks for the password again. Cancels a subscription, deletes the computer with its files and backups, "
                    + "ends every session; the audit log keeps its rows with the email replaced by its SHA-256.")
    @APIResponse(responseCode = "200", description = "Deleted")
    @APIResponse(responseCode = "403", description = "Wrong password: field password")
    @APIResponse(responseCode = "502", description = "The subscription could not be canceled; nothing was deleted")
    public Map<String, Boolean> delete(AccountRequests.PasswordConfirmation body) {
        deletion.delete(caller.userId(), body.password(), addresses.of(http));
        return Map.of("deleted", true);
    }
}
