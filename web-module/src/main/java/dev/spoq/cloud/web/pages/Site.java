package dev.spoq.cloud.web.pages;

import dev.spoq.cloud.provisioning.ByteSize;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Facts every page may show: the base domain of users' addresses and the per-computer limits. */
@Named
@ApplicationScoped
public class Site {

    @Inject
    @ConfigProperty(name = "spoq.domain", defaultValue = "spoq.dev")
    String domain;

    @Inject
    @ConfigProperty(name = "spoq.container.cpus", defaultValue = "1")
    String cpus;

    @Inject
    @ConfigProperty(name = "spoq.container.memory", defaultValue = "2g")
    String memory;

    @Inject
    @ConfigProperty(name = "spoq.container.storage", defaultValue = "10g")
    String storage;

    public String getDomain() {
        return domain;
    }

    public String getCpus() {
        return cpus;
    }

    /** "2g" reads "2 GB". */
    public String getMemory() {
        return ByteSize.parse(memory).words();
    }

    public String getStorage() {
        return ByteSize.parse(storage).words();
    }

    public long storageBytes() {
        return ByteSize.parse(storage).bytes();
    }
}
