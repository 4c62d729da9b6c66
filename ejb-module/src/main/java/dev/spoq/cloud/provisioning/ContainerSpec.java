package dev.spoq.cloud.provisioning;

import java.util.UUID;

/** What a user's computer must look like, in the runtime's terms but free of any runtime's types. */
public record ContainerSpec(UUID userId, String subdomain, String image, long nanoCpus, long memoryBytes,
                            long pidsLimit, int sshPort) {

    public String serviceName() {
        return "spoq-" + subdomain;
    }

    public String volumeName() {
        return "spoq-home-" + subdomain;
    }
}
