package dev.spoq.cloud.web.api;

import dev.spoq.cloud.profile.LinuxUsername;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/** The public API's request bodies: bound by {@link JsonRequestReader} and documented in OpenAPI from the same records. */
final class ApiRequests {

    private ApiRequests() {
    }

    @JsonRequest
    public record Credentials(@Schema(required = true) String email,
                              @Schema(required = true) String password) {
    }

    @JsonRequest
    public record SubdomainClaim(@Schema(required = true, description = "a DNS label: 3-63 of a-z, 0-9 and -") String subdomain) {
    }

    @JsonRequest
    public record ProfileRequest(@Schema(required = true, pattern = LinuxUsername.PATTERN) String username) {
    }

    @JsonRequest
    public record DeviceRequest(@Schema(required = true) UUID profileId,
                                @Schema(description = "a Termius SSH ID code; or give ssh_public_key") String sshidCode,
                                @Schema(description = "one or more public key lines; or give sshid_code") String sshPublicKey,
                                String name) {
    }

    @JsonRequest
    public record PlanChoice(@Schema(required = true, enumeration = {"monthly", "yearly"},
            description = "$15 a month, or $150 a year") String plan) {
    }
}
