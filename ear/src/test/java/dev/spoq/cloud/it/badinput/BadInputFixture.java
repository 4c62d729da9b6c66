package dev.spoq.cloud.it.badinput;

import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ApiResponse;
import dev.spoq.cloud.it.support.Computers;
import dev.spoq.cloud.it.support.Json;
import dev.spoq.cloud.it.support.TestAccount;
import dev.spoq.cloud.it.support.TestKeys;

/**
 * The accounts the bad-input rows run against, built once per table:
 * <ul>
 *   <li>{@code owner}: subdomain + one profile, no device — valid ids for every call, far from every limit;</li>
 *   <li>{@code unclaimed}: no subdomain — for claim validation and "subdomain required";</li>
 *   <li>{@code neighbour}: subdomain, two profiles (the limit), one device — another account's ids;</li>
 *   <li>{@code loggedOut}: a token that was revoked by logout.</li>
 * </ul>
 */
public final class BadInputFixture {

    private final ApiClient api;
    private final TestAccount owner;
    private final TestAccount unclaimed;
    private final TestAccount neighbour;
    private final String neighbourDeviceId;
    private final String revokedToken;

    private BadInputFixture(ApiClient api) {
        this.api = api;
        this.owner = TestAccount.withProfile(api);
        this.unclaimed = TestAccount.register(api);
        this.neighbour = TestAccount.withProfile(api);
        this.neighbour.createProfile();
        this.neighbourDeviceId = neighbour.addDevice(neighbour.profileId(), TestKeys.ed25519()).path("device_id").asText();
        TestAccount leaving = TestAccount.register(api);
        leaving.logout().expect(200);
        this.revokedToken = leaving.token();
    }

    public static BadInputFixture create() {
        return new BadInputFixture(new ApiClient());
    }

    public ApiClient api() {
        return api;
    }

    public TestAccount owner() {
        return owner;
    }

    public TestAccount unclaimed() {
        return unclaimed;
    }

    public TestAccount neighbour() {
        return neighbour;
    }

    public String neighbourDeviceId() {
        return neighbourDeviceId;
    }

    public String revokedToken() {
        return revokedToken;
    }

    /** POST a JSON body with the owner's token. */
    public ApiResponse ownerPosts(String path, Object body) {
        return api.post(path, owner.token(), body);
    }

    /** POST /api/devices/add by the owner with this body. */
    public ApiResponse addDevice(Object body) {
        return ownerPosts("/api/devices/add", body);
    }

    /** POST /api/devices/add by the owner on its own profile with this key text. */
    public ApiResponse addKeyText(Object keyText) {
        return addDevice(Json.object("profile_id", owner.profileId(), "ssh_public_key", keyText));
    }

    /** POST /api/devices/add by the owner on its own profile with this ssh.id code. */
    public ApiResponse addSshIdCode(Object code) {
        return addDevice(Json.object("profile_id", owner.profileId(), "sshid_code", code));
    }

    /** POST /api/setup/profile by the owner. */
    public ApiResponse createProfile(Object username) {
        return ownerPosts("/api/setup/profile", Json.object("username", username));
    }

    /** POST /api/setup/subdomain by the account without a subdomain. */
    public ApiResponse claim(Object subdomain) {
        ApiResponse response = api.post("/api/setup/subdomain", unclaimed.token(), Json.object("subdomain", subdomain));
        if (response.status() == 201 || response.status() == 200) {
            Computers.track(unclaimed.userId(), null); // a wrongly accepted claim still starts a computer
        }
        return response;
    }
}
