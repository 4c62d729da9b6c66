package dev.spoq.cloud.subdomain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Where people reach their computer: the host of an address (alice.spoq.dev) and the SSH port they type. */
@ApplicationScoped
public class PublicAddresses {

    @Inject
    @ConfigProperty(name = "spoq.domain", defaultValue = "spoq.dev")
    String domain;

    @Inject
    @ConfigProperty(name = "spoq.gateway.public-port", defaultValue = "22")
    int sshPort;

    public String domain() {
        return domain;
    }

    public String host(String subdomain) {
        return subdomain + "." + domain;
    }

    public int sshPort() {
        return sshPort;
    }
}
