package dev.spoq.cloud.web.pages;

import dev.spoq.cloud.provisioning.ContainerSettings;
import dev.spoq.cloud.subdomain.PublicAddresses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Facts every page may show: the base domain of users' addresses and the per-computer limits (from {@link ContainerSettings}). */
@Named
@ApplicationScoped
public class Site {

    @Inject
    PublicAddresses addresses;

    @Inject
    ContainerSettings containers;

    public String getDomain() {
        return addresses.domain();
    }

    /** 1, or 0.5: as an operator writes it. */
    public String getCpus() {
        double cpus = containers.cpus();
        return cpus == Math.rint(cpus) ? String.valueOf((long) cpus) : String.valueOf(cpus);
    }

    /** "2g" reads "2 GB". */
    public String getMemory() {
        return containers.memory().words();
    }

    public String getStorage() {
        return containers.storage().words();
    }

    public long storageBytes() {
        return containers.storage().bytes();
    }
}
