package dev.spoq.cloud.web.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The request bodies of /api/account, /api/profiles and device renames (bound like {@link ApiRequests}). */
final class AccountRequests {

    private AccountRequests() {
    }

    @JsonRequest
    public record EmailLinkToken(@Schema(required = true, description = "the token of the link in the email") String token) {
    }

    @JsonRequest
    public record ResetRequest(@Schema(required = true) String email) {
    }

    @JsonRequest
    public record ResetCompletion(@Schema(required = true, description = "the token of the reset link") String token,
                                  @Schema(required = true, description = "the new password: 10 to 256 characters") String password) {
    }

    @JsonRequest
    public record PasswordChange(@Schema(required = true) String currentPassword,
                                 @Schema(required = true, description = "the new password: 10 to 256 characters") String password) {
    }

    @JsonRequest
    public record PasswordConfirmation(@Schema(required = true, description = "your password, once more") String password) {
    }

    @JsonRequest
    public record DeviceRename(@Schema(required = true, description = "1 to 64 characters") String name) {
    }
}
