package dev.spoq.cloud.provisioning;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The per-user limits and image, from spoq.container.* (1 CPU, 2 GB, 512 processes by default). */
@ApplicationScoped
public class ContainerSettings {

    @Inject
    @ConfigProperty(name = "spoq.container.image", defaultValue = "127.0.0.1:5000/spoq/user:latest")
    String image;

    @Inject
    @ConfigProperty(name = "spoq.container.cpus", defaultValue = "1")
    double cpus;

    @Inject
    @ConfigProperty(name = "spoq.container.memory", defaultValue = "2g")
    String memory;

    @Inject
    @ConfigProperty(name = "spoq.container.pids", defaultValue = "512")
    long pids;

    public ContainerSpec specFor(Container container) {
        return new ContainerSpec(container.userId(), container.subdomain(), image, Math.round(cpus * 1_000_000_000L),
                ByteSize.parse(memory).bytes(), pids, container.sshPort());
    }
}
