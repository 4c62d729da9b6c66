package dev.spoq.cloud.oauth;

/** A provider's sign-in that did not come back usable (refused at the provider, expired, forged, unreachable); its message is for people. */
public class ProviderLoginFailed extends RuntimeException {

    public ProviderLoginFailed(String message) {
        super(message);
    }

    public ProviderLoginFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
