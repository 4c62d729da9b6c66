package dev.spoq.cloud.web.pages;

import dev.spoq.cloud.account.AccountService;
import dev.spoq.cloud.account.AccountStatus;
import dev.spoq.cloud.account.AccountStatusService;
import dev.spoq.cloud.account.SubscriptionStatus;
import dev.spoq.cloud.account.User;
import dev.spoq.cloud.device.AddedDevice;
import dev.spoq.cloud.device.DeviceService;
import dev.spoq.cloud.problem.ProblemKind;
import dev.spoq.cloud.problem.SpoqProblem;
import dev.spoq.cloud.profile.ProfileService;
import dev.spoq.cloud.provisioning.Container;
import dev.spoq.cloud.provisioning.ContainerLifecycle;
import dev.spoq.cloud.provisioning.ContainerRepository;
import dev.spoq.cloud.provisioning.ResourceUsage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * /dashboard: the account, the computer (live), its usage, profiles and their devices, billing.
 * Every read and change is for the session's user; the ids a form carries (a profile to add a device
 * to, a device to remove) are checked by the services, which treat another account's as missing.
 */
@Named
@ViewScoped
public class DashboardPage implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Map<String, String> PROFILE_FIELDS = Map.of("username", "profiles:username");
    private static final Map<String, String> DEVICE_FIELDS = Map.of("sshid_code", "devices:code",
            "ssh_public_key", "devices:key", "name", "devices:name", "profile_id", "devices:profile");

    @Inject
    PageSession session;

    @Inject
    AccountService accounts;

    @Inject
    AccountStatusService statuses;

    @Inject
    ProfileService profileService;

    @Inject
    DeviceService deviceService;

    @Inject
    ContainerLifecycle lifecycle;

    @Inject
    ContainerRepository containers;

    @Inject
    Site site;

    private String email;
    private String memberSince;
    private SubscriptionStatus subscriptionStatus;
    private String subscriptionEnds;
    private String host;
    private int sshPort;
    private Computer computer = Computer.none();
    private UUID containerId;
    private Usage usage;
    private List<Rows.Profile> profiles = List.of();
    private int deviceCount;

    private String newUsername;
    private String deviceProfileId;
    private String deviceCode;
    private String deviceKey;
    private String deviceName;
    private List<Rows.Key> keysAdded = List.of();
    private List<Rows.Rejected> keysRejected = List.of();

    /** Usage in words and percentages (for the meters). */
    public record Usage(String cpu, int cpuPercent, String memory, int memoryPercent, String storage, int storagePercent)
            implements Serializable {

        /** The engine may not know the storage limit (-1): then the configured one is the limit. */
        static Usage of(ResourceUsage usage, long configuredStorageBytes) {
            long storageLimit = usage.storageLimitBytes() > 0 ? usage.storageLimitBytes() : configuredStorageBytes;
            return new Usage(String.format(Locale.ENGLISH, "%.1f %%", usage.cpuPercent()), clamp(usage.cpuPercent()),
                    bytes(usage.memoryBytes()) + " of " + bytes(usage.memoryLimitBytes()),
                    percent(usage.memoryBytes(), usage.memoryLimitBytes()),
                    usage.storageBytes() < 0 ? "unknown" : bytes(usage.storageBytes()) + " of " + bytes(storageLimit),
                    percent(usage.storageBytes(), storageLimit));
        }
    }

    /** Opening the page (GET): someone who has not finished the setup continues it first. */
    public void enter() {
        try {
            load();
            if (host == null || profiles.isEmpty() || deviceCount == 0) {
                PageSession.redirect("/setup");
                return;
            }
            refreshUsage();
        } catch (SpoqProblem problem) {
            if (problem.kind() != ProblemKind.UNAUTHENTICATED) {
                throw problem;
            }
            PageSession.forgetAndLogIn();
        }
    }

    /** The live part, polled: the computer's state and why. */
    public void refreshComputer() {
        AccountStatus status = statuses.of(session.userId());
        boolean wasRunning = computer.isRunning();
        computer = new Computer(status.containerStatus(), status.containerStatusReason());
        if (!computer.isRunning()) {
            usage = null; // figures of a stopped computer would be stale
        } else if (!wasRunning) {
            refreshUsage();
        }
    }

    /** Polled less often: asking the engine for usage costs a stats call and a du. */
    public void refreshUsage() {
        try {
            if (containerId == null) {
                usage = null;
                return;
            }
            usage = lifecycle.usage(containerId).map(u -> Usage.of(u, site.storageBytes())).orElse(null);
        } catch (RuntimeException e) {
            usage = null;
        }
    }

    public void addProfile() {
        try {
            profileService.create(session.userId(), newUsername);
            Messages.info("Profile '" + newUsername + "' added. It appears on your computer in a few seconds.");
            newUsername = null;
            load();
        } catch (SpoqProblem problem) {
            Messages.problem(problem, PROFILE_FIELDS);
        } catch (RuntimeException e) {
            Messages.unexpected(e);
        }
    }

    public void addDevice() {
        keysAdded = List.of();
        keysRejected = List.of();
        boolean hasCode = deviceCode != null && !deviceCode.isBlank();
        boolean hasKey = deviceKey != null && !deviceKey.isBlank();
        if (hasCode == hasKey) {
            Messages.error("devices:code", hasCode
                    ? "Give either an ssh.id code or a public key, not both."
                    : "Enter an ssh.id code or paste a public key.");
            return;
        }
        UUID profileId;
        try {
            profileId = UUID.fromString(deviceProfileId);
        } catch (RuntimeException e) {
            Messages.error("devices:profile", "Choose the profile this device logs into.");
            return;
        }
        try {
            AddedDevice added = deviceService.add(session.userId(), profileId,
                    deviceName == null || deviceName.isBlank() ? null : deviceName,
                    hasKey ? deviceKey : null, hasCode ? deviceCode.strip() : null);
            keysAdded = added.keysAdded().stream().map(Rows.Key::of).toList();
            keysRejected = added.keysRejected().stream().map(Rows.Rejected::of).toList();
            Messages.info("Device '" + added.name() + "' added.");
            deviceCode = null;
            deviceKey = null;
            deviceName = null;
            load();
        } catch (SpoqProblem problem) {
            keysRejected = Rows.Rejected.of(problem.extras());
            Messages.problem(problem, DEVICE_FIELDS);
        } catch (RuntimeException e) {
            Messages.unexpected(e);
        }
    }

    public void removeDevice(UUID deviceId) {
        try {
            deviceService.remove(session.userId(), deviceId);
            Messages.info("Device removed. Its keys no longer open your computer.");
            load();
        } catch (SpoqProblem problem) {
            Messages.problem(problem, Map.of());
            load();
        } catch (RuntimeException e) {
            Messages.unexpected(e);
        }
    }

    private void load() {
        UUID userId = session.userId();
        User user = accounts.find(userId);
        AccountStatus status = statuses.of(userId);
        email = user.email();
        memberSince = Rows.day(user.createdAt());
        subscriptionStatus = user.subscriptionStatus();
        subscriptionEnds = Rows.day(user.subscriptionEndsAt());
        host = status.host();
        sshPort = status.sshPort();
        computer = new Computer(status.containerStatus(), status.containerStatusReason());
        containerId = containers.ofUser(userId).map(Container::id).orElse(null);
        List<Rows.Device> devices = status.devices().stream().map(Rows.Device::of).toList();
        deviceCount = devices.size();
        profiles = status.profiles().stream()
                .map(p -> new Rows.Profile(p.profileId(), p.username(),
                        devices.stream().filter(d -> d.profileId().equals(p.profileId())).toList()))
                .toList();
        List<Rows.Profile> withRoom = getProfilesWithRoom();
        if (deviceProfileId == null || withRoom.stream().noneMatch(p -> p.id().toString().equals(deviceProfileId))) {
            deviceProfileId = withRoom.isEmpty() ? null : withRoom.get(0).id().toString();
        }
    }

    private static int clamp(double percent) {
        return (int) Math.max(0, Math.min(100, Math.round(percent)));
    }

    private static int percent(long part, long whole) {
        return whole <= 0 || part < 0 ? 0 : clamp(100.0 * part / whole);
    }

    static String bytes(long bytes) {
        if (bytes < 0) {
            return "unknown";
        }
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ENGLISH, value < 10 ? "%.1f %s" : "%.0f %s", value, units[unit]);
    }

    public String getEmail() {
        return email;
    }

    public String getMemberSince() {
        return memberSince;
    }

    /** A trial reads "Free trial"; others by their wire name in words ("Active", "Past due", ...). */
    public String getSubscription() {
        if (subscriptionStatus == null || subscriptionStatus == SubscriptionStatus.TRIAL) {
            return "Free trial";
        }
        String words = subscriptionStatus.wireName().replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    public String getSubscriptionEnds() {
        return subscriptionEnds;
    }

    public String getHost() {
        return host;
    }

    public String getSshCommand() {
        return profiles.isEmpty() ? null : Links.sshCommand(profiles.get(0).username(), host, sshPort);
    }

    public String getSshLink() {
        return profiles.isEmpty() ? null : Links.ssh(profiles.get(0).username(), host, sshPort);
    }

    public Computer getComputer() {
        return computer;
    }

    public Usage getUsage() {
        return usage;
    }

    public List<Rows.Profile> getProfiles() {
        return profiles;
    }

    public boolean isCanAddProfile() {
        return profiles.size() < ProfileService.MAX_PER_USER;
    }

    public boolean isCanAddDevice() {
        return deviceCount < DeviceService.MAX_PER_USER && !getProfilesWithRoom().isEmpty();
    }

    /** The profiles a device can still be added to (fewer than 2 devices each). */
    public List<Rows.Profile> getProfilesWithRoom() {
        return profiles.stream().filter(p -> p.devices().size() < DeviceService.MAX_PER_PROFILE).toList();
    }

    /** Why no device can be added now, in words. */
    public String getNoRoomReason() {
        if (deviceCount >= DeviceService.MAX_PER_USER) {
            return "Your account has " + DeviceService.MAX_PER_USER + " devices, the most it can have. Remove one to add another.";
        }
        return (profiles.size() < ProfileService.MAX_PER_USER
                ? "Your profile has " + DeviceService.MAX_PER_PROFILE + " devices, the most a profile can have. Add a profile, or remove a device, to add another."
                : "Each profile has " + DeviceService.MAX_PER_PROFILE + " devices, the most a profile can have. Remove one to add another.");
    }

    public int getMaxProfiles() {
        return ProfileService.MAX_PER_USER;
    }

    public int getMaxDevicesPerProfile() {
        return DeviceService.MAX_PER_PROFILE;
    }

    public int getMaxDevices() {
        return DeviceService.MAX_PER_USER;
    }

    public int getDeviceCount() {
        return deviceCount;
    }

    public String getNewUsername() {
        return newUsername;
    }

    public void setNewUsername(String newUsername) {
        this.newUsername = newUsername;
    }

    public String getDeviceProfileId() {
        return deviceProfileId;
    }

    public void setDeviceProfileId(String deviceProfileId) {
        this.deviceProfileId = deviceProfileId;
    }

    public String getDeviceCode() {
        return deviceCode;
    }

    public void setDeviceCode(String deviceCode) {
        this.deviceCode = deviceCode;
    }

    public String getDeviceKey() {
        return deviceKey;
    }

    public void setDeviceKey(String deviceKey) {
        this.deviceKey = deviceKey;
    }

    public String getDeviceName() {
        return deviceName;
    }

    public void setDeviceName(String deviceName) {
        this.deviceName = deviceName;
    }

    public List<Rows.Key> getKeysAdded() {
        return keysAdded;
    }

    public List<Rows.Rejected> getKeysRejected() {
        return keysRejected;
    }

    /** "Line 2: reason", one per line (plain text: an iterating component would keep its old rows after an error). */
    public String getRejectedLines() {
        return Rows.Rejected.lines(keysRejected);
    }
}
