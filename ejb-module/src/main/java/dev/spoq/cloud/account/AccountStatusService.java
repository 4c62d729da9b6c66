package dev.spoq.cloud.account;

import dev.spoq.cloud.device.DeviceService;
import dev.spoq.cloud.profile.ProfileService;
import dev.spoq.cloud.provisioning.Container;
import dev.spoq.cloud.provisioning.ContainerRepository;
import dev.spoq.cloud.subdomain.SubdomainService;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;
import java.util.UUID;

@Stateless
public class AccountStatusService {

    @Inject
    ContainerRepository containers;

    @Inject
    AccountService accounts;

    @Inject
    SubdomainService subdomains;

    @Inject
    ProfileService profiles;

    @Inject
    DeviceService devices;

    @Inject
    @ConfigProperty(name = "spoq.gateway.public-port", defaultValue = "22")
    int sshPort;

    public AccountStatus of(UUID userId) {
        User user = accounts.find(userId);
        Optional<Container> container = containers.ofUser(userId);
        return new AccountStatus(
                user.subdomain(),
                user.subdomain() == null ? null : subdomains.host(user.subdomain()),
                sshPort,
                container.map(Container::status),
                container.map(Container::statusReason).orElse(null),
                user.subscriptionStatus(),
                profiles.ofUser(userId).stream()
                        .map(p -> new AccountStatus.ProfileSummary(p.id(), p.username())).toList(),
                devices.list(userId));
    }
}
