package dev.spoq.cloud.web.pages;

import dev.spoq.cloud.device.AddedDevice;
import dev.spoq.cloud.device.DeviceService;

import java.io.Serializable;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The add-device form of the dashboard and of the wizard's third step (its markup: WEB-INF/tags/device*.xhtml):
 * an ssh.id code or a pasted public key, the profile the device logs into, on the dashboard a name; afterwards
 * which keys were added, and which lines were not and why. Its page says when it is used and what follows an
 * added device; the service decides everything else (ownership, limits, keys).
 */
public class DeviceForm implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final String CODE = "code";
    private static final String KEY = "key";
    private static final String NAME = "name";
    private static final String PROFILE = "profile";

    private final String form;
    private List<Rows.Profile> choices = List.of();
    private String profileId;
    private String code;
    private String key;
    private String name;
    private boolean pasting;
    private List<Rows.Key> keysAdded = List.of();
    private List<Rows.Rejected> keysRejected = List.of();
    private String pairingCode;

    /** @param form the id of the h:form the device tags are in */
    DeviceForm(String form) {
        this.form = form;
    }

    /** The profiles the device may log into; the first is chosen unless the user chose one still among them. */
    void offer(List<Rows.Profile> profiles) {
        choices = List.copyOf(profiles);
        if (chosen() == null) {
            profileId = choices.isEmpty() ? null : choices.get(0).id().toString();
        }
    }

    /** The dashboard's way: whichever of the code and the key is filled in, with the chosen profile and the name. */
    void add(DeviceService devices, UUID userId, Consumer<AddedDevice> then) {
        boolean hasCode = filled(code);
        boolean hasKey = filled(key);
        if (hasCode == hasKey) {
            begin(false).error(CODE, hasCode
                    ? "Give either an ssh.id code or a public key, not both."
                    : "Enter an ssh.id code or paste a public key.");
            return;
        }
        submit(devices, userId, hasKey, then);
    }

    /** The wizard's first way: the ssh.id code alone. */
    void addByCode(DeviceService devices, UUID userId, Consumer<AddedDevice> then) {
        if (!filled(code)) {
            begin(false).error(CODE, "Enter the ssh.id code Termius shows you.");
            return;
        }
        submit(devices, userId, false, then);
    }

    /** The wizard's other way: the pasted key alone. */
    void addByKey(DeviceService devices, UUID userId, Consumer<AddedDevice> then) {
        if (!filled(key)) {
            begin(true).error(KEY, "Paste the public key of your SSH app (it starts with ssh-ed25519, ecdsa-sha2 or ssh-rsa).");
            return;
        }
        submit(devices, userId, true, then);
    }

    private void submit(DeviceService devices, UUID userId, boolean pasted, Consumer<AddedDevice> then) {
        FormFields fields = begin(pasted);
        UUID profile = chosen();
        if (profile == null) {
            fields.error(isChoosingProfile() ? PROFILE : CODE, "Choose the profile this device logs into.");
            return;
        }
        fields.run(() -> {
            AddedDevice added = devices.add(userId, profile, filled(name) ? name : null,
                    pasted ? key : null, pasted ? null : code.strip());
            keysAdded = added.keysAdded().stream().map(Rows.Key::of).toList();
            keysRejected = added.keysRejected().stream().map(Rows.Rejected::of).toList();
            pairingCode = added.pairingCode();
            code = null;
            key = null;
            name = null;
            then.accept(added);
        }, problem -> keysRejected = Rows.Rejected.of(problem.extras()));
    }

    /**
     * A new attempt: the last outcome goes. A problem about the profile (a limit) is shown at the profile
     * choice when the form offers one, else at the input the keys came from.
     */
    private FormFields begin(boolean pasted) {
        this.pasting = pasted;
        keysAdded = List.of();
        keysRejected = List.of();
        pairingCode = null;
        String source = pasted ? KEY : CODE;
        return FormFields.of(form, "sshid_code", CODE, "ssh_public_key", KEY, "name", NAME,
                "profile_id", isChoosingProfile() ? PROFILE : source);
    }

    /** The chosen profile if it is one of those offered (a forged post may name any id). */
    private UUID chosen() {
        return choices.stream().map(Rows.Profile::id).filter(id -> id.toString().equals(profileId)).findFirst().orElse(null);
    }

    private static boolean filled(String text) {
        return text != null && !text.isBlank();
    }

    /** More than one profile has room: the user chooses (the dashboard shows the choice). */
    public boolean isChoosingProfile() {
        return choices.size() > 1;
    }

    public List<Rows.Profile> getChoices() {
        return choices;
    }

    public String getProfileId() {
        return profileId;
    }

    public void setProfileId(String profileId) {
        this.profileId = profileId;
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    /** The last attempt was a pasted key: the wizard keeps its paste box open. */
    public boolean isPasting() {
        return pasting;
    }

    public List<Rows.Key> getKeysAdded() {
        return keysAdded;
    }

    /** The code the new device's first login asks for; null when its keys were already this account's. */
    public String getPairingCode() {
        return pairingCode;
    }

    public List<Rows.Rejected> getKeysRejected() {
        return keysRejected;
    }

    /** "Line 2: reason", one per line (plain text: an iterating component would keep its old rows after an error). */
    public String getRejectedLines() {
        return Rows.Rejected.lines(keysRejected);
    }
}
