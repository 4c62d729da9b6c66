package dev.spoq.cloud.web.pages;

import dev.spoq.cloud.account.AccountService;
import dev.spoq.cloud.account.AccountStatus;
import dev.spoq.cloud.account.AccountStatusService;
import dev.spoq.cloud.account.SubscriptionStatus;
import dev.spoq.cloud.account.User;
import dev.spoq.cloud.device.DevicePairing;
import dev.spoq.cloud.device.DeviceService;
import dev.spoq.cloud.monitoring.UsageRange;
import dev.spoq.cloud.monitoring.UsageService;
import dev.spoq.cloud.profile.ProfileService;
import dev.spoq.cloud.provisioning.Container;
import dev.spoq.cloud.provisioning.ContainerLifecycle;
import dev.spoq.cloud.provisioning.ContainerRepository;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

    private static final FormFields PROFILE_FIELDS = FormFields.of("profiles", "username", "username");
    /** Removing a device names no field: its problems are shown above the page. */
    private static final FormFields REMOVAL = FormFields.of("profiles");

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
    UsageService usageService;

    @Inject
    ContainerRepository containers;

    @Inject
    ContainerLifecycle lifecycle;

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
    private UsageView usage;
    private List<UsageChart> charts = List.of();
    private List<Rows.Profile> profiles = List.of();
    private List<Rows.Notice> notices = List.of();
    private int deviceCount;
    private List<dev.spoq.cloud.profile.RemovedProfile> removedProfiles = List.of();
    private final java.util.Map<String, String> renames = new java.util.HashMap<>();

    private String newUsername;
    private final DeviceForm device = new DeviceForm("devices");

    /** Opening the page (GET): someone who has not finished the setup continues it first. */
    public void enter() {
        PageSession.openForMember(() -> {
            load();
            // an account whose only device went to its key holder's account reads why here, not in the wizard
            if (host == null || profiles.isEmpty() || (deviceCount == 0 && notices.isEmpty())) {
                PageSession.redirect("/setup");
                return;
            }
            refreshUsage();
        });
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

    /** The "Wake up" button of a sleeping computer (an SSH login wakes it as well). */
    public void wake() {
        if (containerId != null && lifecycle.wake(containerId, "dashboard")) {
            Messages.info("Waking up your computer. It is ready in a few seconds.");
        }
        refreshComputer();
    }

    /** Polled less often: the figures and the charts come from the platform's last sample, not from the engine. */
    public void refreshUsage() {
        try {
            if (containerId == null) {
                usage = null;
                charts = List.of();
                return;
            }
            usage = usageService.latestOf(containerId).map(u -> UsageView.of(u, site.storageBytes())).orElse(null);
            Instant now = Instant.now();
            charts = List.of(chart(UsageRange.DAY, "24 hours", now), chart(UsageRange.WEEK, "7 days", now));
        } catch (RuntimeException e) {
            usage = null;
        }
    }

    private UsageChart chart(UsageRange range, String label, Instant now) {
        UsageService.History history = usageService.history(session.userId(), range);
        return UsageChart.of(label, history.points(), range.span(), Duration.ofSeconds(history.stepSeconds()), now);
    }

    public void addProfile() {
        PROFILE_FIELDS.run(() -> {
            profileService.create(session.userId(), newUsername);
            Messages.info("Profile '" + newUsername + "' added. It appears on your computer in a few seconds.");
            newUsername = null;
            load();
        });
    }

    public void addDevice() {
        device.add(deviceService, session.userId(), added -> {
            Messages.info("Device '" + added.name() + "' added.");
            load();
        });
    }

    public void dismissNotice(long noticeId) {
        REMOVAL.run(() -> {
            deviceService.dismissNotice(session.userId(), noticeId);
            load();
        }, problem -> load());
    }

    /** "Remove profile": its Linux user is locked at once, its home kept for a while (the page says until when). */
    public void removeProfile(UUID profileId) {
        REMOVAL.run(() -> {
            dev.spoq.cloud.profile.RemovedProfile removed = profileService.remove(session.userId(), profileId);
            Messages.info("Profile " + removed.username() + " removed: it can no longer log in. Its files are kept until "
                    + Rows.day(removed.keepHomeUntil()) + ", then deleted.");
            load();
        }, problem -> load());
    }

    public void renameDevice(UUID deviceId) {
        REMOVAL.run(() -> {
            deviceService.rename(session.userId(), deviceId, renames.get(deviceId.toString()));
            Messages.info("Device renamed.");
            load();
        }, problem -> load());
    }

    public java.util.Map<String, String> getRenames() {
        return renames;
    }

    public List<dev.spoq.cloud.profile.RemovedProfile> getRemovedProfiles() {
        return removedProfiles;
    }

    public String day(java.time.Instant instant) {
        return Rows.day(instant);
    }

    public void removeDevice(UUID deviceId) {
        REMOVAL.run(() -> {
            deviceService.remove(session.userId(), deviceId);
            Messages.info("Device removed. Its keys no longer open your computer.");
            load();
        }, problem -> load());
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
        notices = deviceService.notices(userId).stream().map(Rows.Notice::of).toList();
        profiles = status.profiles().stream()
                .map(p -> new Rows.Profile(p.profileId(), p.username(),
                        devices.stream().filter(d -> d.profileId().equals(p.profileId())).toList()))
                .toList();
        removedProfiles = profileService.removedOf(userId);
        renames.clear();
        devices.forEach(d -> renames.put(d.id().toString(), d.name()));
        // a device can still be added to the profiles with fewer than 2 devices
        device.offer(profiles.stream().filter(p -> p.devices().size() < DeviceService.MAX_PER_PROFILE).toList());
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

    public UsageView getUsage() {
        return usage;
    }

    /** The last 24 hours and the last 7 days. */
    public List<UsageChart> getCharts() {
        return charts;
    }

    public List<Rows.Profile> getProfiles() {
        return profiles;
    }

    public boolean isCanAddProfile() {
        return profiles.size() < ProfileService.MAX_PER_USER;
    }

    public boolean isCanAddDevice() {
        return deviceCount < DeviceService.MAX_PER_USER && !device.getChoices().isEmpty();
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

    public List<Rows.Notice> getNotices() {
        return notices;
    }

    public int getPairingWrongCodes() {
        return DevicePairing.WRONG_CODES_BEFORE_LOCK;
    }

    public long getPairingLockMinutes() {
        return DevicePairing.LOCK.toMinutes();
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

    public DeviceForm getDevice() {
        return device;
    }
}
