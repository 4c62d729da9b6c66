package dev.spoq.cloud.account;

import dev.spoq.cloud.device.DeviceService;
import dev.spoq.cloud.profile.Profile;
import dev.spoq.cloud.profile.ProfileService;
import dev.spoq.cloud.provisioning.Container;
import dev.spoq.cloud.provisioning.ContainerRepository;
import dev.spoq.cloud.subdomain.PublicAddresses;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Stateless
public class AccountStatusService {

    @Inject
    ContainerRepository containers;

    @Inject
    AccountService accounts;

    @Inject
    PublicAddresses addresses;

    @Inject
    ProfileService profiles;

    @Inject
    DeviceService devices;


    public AccountStatus of(UUID userId) {
        User user = accounts.find(userId);
        Optional<Container> container = containers.ofUser(userId);
        List<Profile> ofUser = profiles.ofUser(userId);
        return new AccountStatus(
                user.subdomain(),
                user.subdomain() == null ? null : addresses.host(user.subdomain()),
                addresses.sshPort(),
                container.map(Container::status),
                container.map(Container::statusReason).orElse(null),
                user.subscriptionStatus(),
                ofUser.stream().map(p -> new AccountStatus.ProfileSummary(p.id(), p.username())).toList(),
                devices.list(userId, ofUser));
    }
}
