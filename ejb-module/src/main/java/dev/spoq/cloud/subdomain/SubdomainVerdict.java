package dev.spoq.cloud.subdomain;

/** Why an address cannot be had: reason is invalid, reserved or taken. */
public record SubdomainVerdict(String reason, String detail) {

    static SubdomainVerdict invalid(String detail) {
        return new SubdomainVerdict("invalid", detail);
    }

    static SubdomainVerdict reserved(String detail) {
        return new SubdomainVerdict("reserved", detail);
    }

    static SubdomainVerdict taken(String name) {
        return new SubdomainVerdict("taken", "'" + name + "' already belongs to someone.");
    }
}
