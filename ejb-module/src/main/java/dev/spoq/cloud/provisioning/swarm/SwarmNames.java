package dev.spoq.cloud.provisioning.swarm;

/**
 * The names and labels of what Swarm keeps for a user: the service {@code spoq-<subdomain>}, its home
 * volume {@code spoq-home-<subdomain>}, and the labels that mark both as ours. Operators and tests find
 * a user's resources by these.
 */
final class SwarmNames {

    static final String LABEL_MANAGED = "spoq.managed";
    static final String LABEL_USER = "spoq.user";
    static final String LABEL_SUBDOMAIN = "spoq.subdomain";

    private SwarmNames() {
    }

    static String service(String subdomain) {
        return "spoq-" + subdomain;
    }

    static String homeVolume(String subdomain) {
        return "spoq-home-" + subdomain;
    }
}
