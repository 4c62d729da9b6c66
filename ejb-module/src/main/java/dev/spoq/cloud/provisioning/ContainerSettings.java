package dev.spoq.cloud.provisioning;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one reader of spoq.container.*: the per-user image and limits (1 CPU, 2 GB memory, 10 GB storage,
 * 512 processes by default), for the runtime and for the pages that show them.
 */
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
    String memoryText;

    @Inject
    @ConfigProperty(name = "spoq.container.storage", defaultValue = "10g")
    String storageText;

    @Inject
    @ConfigProperty(name = "spoq.container.pids", defaultValue = "512")
    long pids;

    private ByteSize memory;
    private ByteSize storage;

    /** Parsed once: a badly written size stops the start, rather than the first page that shows it. */
    @PostConstruct
    void parse() {
        memory = ByteSize.parse(memoryText);
        storage = ByteSize.parse(storageText);
    }

    public double cpus() {
        return cpus;
    }

    public ByteSize memory() {
        return memory;
    }

    /** The image reference as configured (the runtime's helpers run it too). */
    public String image() {
        return image;
    }

    public ByteSize storage() {
        return storage;
    }

    public ContainerSpec specFor(Container container) {
        return new ContainerSpec(container.userId(), container.subdomain(), image, Math.round(cpus * 1_000_000_000L),
                memory().bytes(), pids, container.sshPort(), storage().bytes());
    }
}
