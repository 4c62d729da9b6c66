package dev.spoq.cloud.web.pages;

import dev.spoq.cloud.account.AccountStatus;
import dev.spoq.cloud.account.AccountStatusService;
import dev.spoq.cloud.device.AddedDevice;
import dev.spoq.cloud.device.DeviceService;
import dev.spoq.cloud.problem.ProblemKind;
import dev.spoq.cloud.problem.SpoqProblem;
import dev.spoq.cloud.profile.ProfileService;
import dev.spoq.cloud.subdomain.SubdomainAvailability;
import dev.spoq.cloud.subdomain.SubdomainService;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

    private static final java.util.regex.Pattern SUGGESTABLE = java.util.regex.Pattern.compile("^[a-z_][a-z0-9_-]{0,31}$");
    private static final Map<String, String> ADDRESS_FIELDS = Map.of("subdomain", "wizard:subdomain");
    private static final Map<String, String> PROFILE_FIELDS = Map.of("username", "wizard:username");
    private static final Map<String, String> CODE_FIELDS = Map.of("sshid_code", "wizard:code", "profile_id", "wizard:code");
    private static final Map<String, String> KEY_FIELDS = Map.of("ssh_public_key", "wizard:key", "profile_id", "wizard:key");

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
    private String sshIdCode;
    private String publicKey;
    private boolean pasting;
    private List<Rows.Key> keysAdded = List.of();
    private List<Rows.Rejected> keysRejected = List.of();
    private String host;
    private String login;
    private int sshPort;
    private Computer computer = Computer.none();

    /** Live answer to "can I have this address?" as the user types. */
    public record Availability(String name, boolean available, String text) implements Serializable {
    }

    /** The page is opened (GET): resume at the step the account is at; a finished account goes to the dashboard. */
    public void enter() {
        try {
            refresh();
            if (step == DONE) {
                PageSession.redirect("/dashboard");
            }
        } catch (SpoqProblem problem) {
            if (problem.kind() != ProblemKind.UNAUTHENTICATED) {
                throw problem;
            }
            PageSession.forgetAndLogIn();
        }
    }

    /** Step 1, as the user types: available, or why not. */
    public void checkAvailability() {
        if (subdomain == null || subdomain.isBlank()) {
            availability = null;
            return;
        }
        try {
            SubdomainAvailability answer = subdomains.check(subdomain);
            availability = answer.available()
                    ? new Availability(subdomain, true, "Available")
                    : new Availability(subdomain, false, answer.detail());
        } catch (SpoqProblem problem) {
            availability = new Availability(subdomain, false, problem.detail());
        } catch (RuntimeException e) {
            availability = null;
            Messages.unexpected(e);
        }
    }

    public void claimAddress() {
        if (!atStep(ADDRESS)) {
            return;
        }
        try {
            subdomains.claim(session.userId(), subdomain);
            refresh();
        } catch (SpoqProblem problem) {
            // the message below the field says why; a stale "✓ Available" must not contradict it
            availability = null;
            Messages.problem(problem, ADDRESS_FIELDS);
        } catch (RuntimeException e) {
            Messages.unexpected(e);
        }
    }

    public void createProfile() {
        if (!atStep(PROFILE)) {
            return;
        }
        try {
            profiles.create(session.userId(), username);
            refresh();
        } catch (SpoqProblem problem) {
            Messages.problem(problem, PROFILE_FIELDS);
        } catch (RuntimeException e) {
            Messages.unexpected(e);
        }
    }

    public void addByCode() {
        pasting = false;
        if (sshIdCode == null || sshIdCode.isBlank()) {
            Messages.error("wizard:code", "Enter the ssh.id code Termius shows you.");
            return;
        }
        addDevice(null, sshIdCode.strip(), CODE_FIELDS);
    }

    public void addPastedKey() {
        pasting = true;
        if (publicKey == null || publicKey.isBlank()) {
            Messages.error("wizard:key", "Paste the public key of your SSH app (it starts with ssh-ed25519, ecdsa-sha2 or ssh-rsa).");
            return;
        }
        addDevice(publicKey, null, KEY_FIELDS);
    }

    private void addDevice(String pasted, String code, Map<String, String> fields) {
        if (!atStep(DEVICE)) {
            return;
        }
        keysRejected = List.of();
        try {
            AccountStatus status = statuses.of(session.userId());
            UUID profileId = status.profiles().get(0).profileId();
            AddedDevice added = devices.add(session.userId(), profileId, null, pasted, code);
            keysAdded = added.keysAdded().stream().map(Rows.Key::of).toList();
            keysRejected = added.keysRejected().stream().map(Rows.Rejected::of).toList();
            refresh();
        } catch (SpoqProblem problem) {
            keysRejected = Rows.Rejected.of(problem.extras());
            Messages.problem(problem, fields);
        } catch (RuntimeException e) {
            Messages.unexpected(e);
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
            login = status.profiles().get(0).username();
        } else if (username == null && subdomain != null && SUGGESTABLE.matcher(subdomain).matches()) {
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

    public String getSshIdCode() {
        return sshIdCode;
    }

    public void setSshIdCode(String sshIdCode) {
        this.sshIdCode = sshIdCode;
    }

    public String getPublicKey() {
        return publicKey;
    }

    public void setPublicKey(String publicKey) {
        this.publicKey = publicKey;
    }

    /** Keep "paste a public key" open after a failed paste. */
    public boolean isPasting() {
        return pasting;
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
