package dev.spoq.cloud.subdomain;

/** The answer to "can I have this address?"; reason and detail are null when it is available. */
public record SubdomainAvailability(String subdomain, boolean available, String reason, String detail) {

    static SubdomainAvailability available(String name) {
        return new SubdomainAvailability(name, true, null, null);
    }

    static SubdomainAvailability unavailable(String name, SubdomainVerdict verdict) {
        return new SubdomainAvailability(name, false, verdict.reason(), verdict.detail());
    }
}
