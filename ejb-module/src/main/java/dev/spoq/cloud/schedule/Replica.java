package dev.spoq.cloud.schedule;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** This control-plane replica's name, as the trail of scheduled work records it: {@code spoq.replica.name}, else host-pid. */
@ApplicationScoped
public class Replica {

    @Inject
    @ConfigProperty(name = "spoq.replica.name")
    Optional<String> configured;

    public String name() {
        return configured.filter(name -> !name.isBlank()).orElseGet(Replica::hostAndPid);
    }

    private static String hostAndPid() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "replica";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
