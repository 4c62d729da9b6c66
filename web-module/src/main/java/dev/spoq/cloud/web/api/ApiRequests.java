package dev.spoq.cloud.web.api;

/** Request shapes, for the OpenAPI document; bodies are read field by field by {@link JsonBody}. */
final class ApiRequests {

    private ApiRequests() {
    }

    public record Credentials(String email, String password) {
    }

    public record SubdomainClaim(String subdomain) {
    }

    public record ProfileRequest(String username) {
    }

    public record DeviceRequest(String profileId, String sshidCode, String sshPublicKey, String name) {
    }
}
