package dev.spoq.cloud.provisioning;

import java.util.UUID;

/** What a user's container must look like, free of any runtime's types and names. */
public record ContainerSpec(UUID userId, String subdomain, String image, long nanoCpus, long memoryBytes,
                            long pidsLimit, int sshPort, long storageBytes) {
}
