package dev.spoq.cloud.web.pages;

import dev.spoq.cloud.account.AccountStatus;
import dev.spoq.cloud.account.AccountStatusService;
import dev.spoq.cloud.device.DeviceService;
import dev.spoq.cloud.profile.LinuxUsername;
import dev.spoq.cloud.profile.ProfileService;
import dev.spoq.cloud.subdomain.SubdomainAvailability;
import dev.spoq.cloud.subdomain.SubdomainService;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;

/**
 * /setup: the four steps — address, profile, device, done. The step always follows from the account's
 * state (AccountStatus), read afresh for every request, so a reload or a new login resumes where the
 * user stopped and no step can be skipped: each action works only on what the previous steps made.
 */
@Named
@ViewScoped
public class SetupWizard implements Serializable {

    private static final long serialVersionUID = 1L;

    static final int ADDRESS = 1;
    static final int PROFILE = 2;
    static final int DEVICE = 3;
    static final int DONE = 4;

    private static final FormFields ADDRESS_FIELDS = FormFields.of("wizard", "subdomain", "subdomain");
    private static final FormFields PROFILE_FIELDS = FormFields.of("wizard", "username", "username");

    @Inject
    PageSession session;

    @Inject
    AccountStatusService statuses;

    @Inject
    SubdomainService subdomains;

    @Inject
    ProfileService profiles;

    @Inject
    DeviceService devices;

    private int step;
    private String subdomain;
    private Availability availability;
    private String username;
    private final DeviceForm device = new DeviceForm("wizard");
    private String host;
    private String login;
    private int sshPort;
    private Computer computer = Computer.none();

    /** Live answer to "can I have this address?" as the user types. */
    public record Availability(String name, boolean available, String text) implements Serializable {
    }

    /** The page is opened (GET): resume at the step the account is at; a finished account goes to the dashboard. */
    public void enter() {
        PageSession.openForMember(() -> {
            refresh();
            if (step == DONE) {
                PageSession.redirect("/dashboard");
            }
        });
    }

    /** Step 1, as the user types: available, or why not. */
    public void checkAvailability() {
        availability = null;
        if (subdomain == null || subdomain.isBlank()) {
            return;
        }
        Messages.attempt(() -> {
            SubdomainAvailability answer = subdomains.check(subdomain);
            availability = answer.available()
                    ? new Availability(subdomain, true, "Available")
                    : new Availability(subdomain, false, answer.detail());
        }, problem -> availability = new Availability(subdomain, false, problem.detail()));
    }

    public void claimAddress() {
        if (!atStep(ADDRESS)) {
            return;
        }
        ADDRESS_FIELDS.run(() -> {
            subdomains.claim(session.userId(), subdomain, PageSession.remoteAddress());
            refresh();
        }, problem -> {
            // the message below the field says why; a stale "✓ Available" must not contradict it
            availability = null;
        });
    }

    public void createProfile() {
        if (!atStep(PROFILE)) {
            return;
        }
        PROFILE_FIELDS.run(() -> {
            profiles.create(session.userId(), username);
            refresh();
        });
    }

    public void addByCode() {
        if (atStep(DEVICE)) {
            device.addByCode(devices, session.userId(), added -> refresh());
        }
    }

    public void addPastedKey() {
        if (atStep(DEVICE)) {
            device.addByKey(devices, session.userId(), added -> refresh());
        }
    }

    /** Step 4's poll: the computer's state, until it is ready (or failed). */
    public void refreshComputer() {
        AccountStatus status = statuses.of(session.userId());
        computer = new Computer(status.containerStatus(), status.containerStatusReason());
    }

    /** Acts only when the account is at this step; otherwise shows the step it is at (an old tab, a double click). */
    private boolean atStep(int expected) {
        refresh();
        return step == expected;
    }

    private void refresh() {
        AccountStatus status = statuses.of(session.userId());
        if (status.subdomain() == null) {
            step = ADDRESS;
        } else if (status.profiles().isEmpty()) {
            step = PROFILE;
        } else if (status.devices().isEmpty()) {
            step = DEVICE;
        } else {
            step = DONE;
        }
        if (status.subdomain() != null) {
            subdomain = status.subdomain();
            host = status.host();
            sshPort = status.sshPort();
        }
        if (!status.profiles().isEmpty()) {
            AccountStatus.ProfileSummary first = status.profiles().get(0);
            login = first.username();
            // the device logs into the profile step 2 made
            device.offer(List.of(new Rows.Profile(first.profileId(), first.username(), List.of())));
        } else if (username == null && subdomain != null && LinuxUsername.isAcceptable(subdomain)) {
            // alice.spoq.dev suggests the login alice; the user may change it
            username = subdomain;
        }
        computer = new Computer(status.containerStatus(), status.containerStatusReason());
    }

    public int getStep() {
        return step;
    }

    public String getSubdomain() {
        return subdomain;
    }

    public void setSubdomain(String subdomain) {
        this.subdomain = subdomain;
    }

    /** "available", "unavailable", or "" before the user typed anything. */
    public String getAvailabilityState() {
        return availability == null ? "" : availability.available() ? "available" : "unavailable";
    }

    /** The name the verdict is about (what the field held when it was checked). */
    public String getCheckedName() {
        return availability == null ? "" : availability.name();
    }

    public String getAvailabilityText() {
        return availability == null ? "" : (availability.available() ? "✓ " : "✗ ") + availability.text();
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public DeviceForm getDevice() {
        return device;
    }

    public String getHost() {
        return host;
    }

    public String getLogin() {
        return login;
    }

    public int getSshPort() {
        return sshPort;
    }

    /** ssh://alice@alice.spoq.dev (with :port when it is not 22): Termius and other SSH apps open it. */
    public String getSshLink() {
        return Links.ssh(login, host, sshPort);
    }

    public String getSshCommand() {
        return Links.sshCommand(login, host, sshPort);
    }

    public Computer getComputer() {
        return computer;
    }
}
