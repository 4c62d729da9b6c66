package dev.spoq.cloud.it.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One freshly registered user and what it set up so far: register → token → subdomain → profiles.
 * Each step asserts the happy-path status, so a fixture that cannot be built fails loudly. A claim starts a
 * real computer: test classes that claim carry {@code @ExtendWith(ComputerCleanup.class)}.
 */
public final class TestAccount {

    private final ApiClient api;
    private final String email;
    private final String password;
    private final String userId;
    private final String token;
    private final List<String> profileIds = new ArrayList<>();
    private final List<String> usernames = new ArrayList<>();
    private String subdomain;
    private String host;

    private TestAccount(ApiClient api, String email, String password, String userId, String token) {
        this.api = api;
        this.email = email;
        this.password = password;
        this.userId = userId;
        this.token = token;
    }

    /** Registers a new user with a unique email and a strong password. */
    public static TestAccount register(ApiClient api) {
        String email = Unique.email();
        String password = Unique.password();
        JsonNode body = api.post("/api/auth/register", null, Json.object("email", email, "password", password)).expect(201);
        return new TestAccount(api, email, password, body.path("user_id").asText(), body.path("token").asText());
    }

    /** Registered, with a claimed subdomain and one profile. */
    public static TestAccount withProfile(ApiClient api) {
        TestAccount account = register(api).claimSubdomain();
        account.createProfile();
        return account;
    }

    public TestAccount claimSubdomain() {
        return claimSubdomain(Unique.subdomain());
    }

    public TestAccount claimSubdomain(String name) {
        JsonNode body = claim(name).expect(201);
        assertEquals(name.toLowerCase(), body.path("subdomain").asText());
        subdomain = body.path("subdomain").asText();
        host = body.path("host").asText();
        return this;
    }

    /** POST /api/setup/subdomain; a successful claim starts a real computer, tracked for {@link ComputerCleanup}. */
    public ApiResponse claim(String name) {
        ApiResponse response = api.post("/api/setup/subdomain", token, Json.object("subdomain", name));
        Computers.claimedSubdomain(response).ifPresent(claimed -> Computers.track(userId, claimed));
        return response;
    }

    /** Creates a profile with a unique username; returns its profile_id. */
    public String createProfile() {
        return createProfile(Unique.username());
    }

    public String createProfile(String username) {
        JsonNode body = api.post("/api/setup/profile", token, Json.object("username", username)).expect(201);
        profileIds.add(body.path("profile_id").asText());
        usernames.add(username);
        return body.path("profile_id").asText();
    }

    /** Adds a device holding these keys (one per line) to the profile; asserts 201 and returns the body. */
    public JsonNode addDevice(String profileId, SshKey... keys) {
        String text = Arrays.stream(keys).map(SshKey::line).collect(Collectors.joining("\n"));
        return addKeys(profileId, text).expect(201);
    }

    public ApiResponse addKeys(String profileId, String keyText) {
        return api.post("/api/devices/add", token, Json.object("profile_id", profileId, "ssh_public_key", keyText));
    }

    public ApiResponse addKeys(String profileId, String keyText, String name) {
        return api.post("/api/devices/add", token,
                Json.object("profile_id", profileId, "ssh_public_key", keyText, "name", name));
    }

    public ApiResponse addSshId(String profileId, String code) {
        return api.post("/api/devices/add", token, Json.object("profile_id", profileId, "sshid_code", code));
    }

    public ApiResponse devices() {
        return api.get("/api/devices", token);
    }

    public ApiResponse status() {
        return api.get("/api/status", token);
    }

    public ApiResponse deleteDevice(String deviceId) {
        return api.delete("/api/devices/" + ApiClient.segment(deviceId), token);
    }

    public ApiResponse logout() {
        return api.post("/api/auth/logout", token, Json.object());
    }

    public ApiResponse login(String withPassword) {
        return api.post("/api/auth/login", null, Json.object("email", email, "password", withPassword));
    }

    public String email() {
        return email;
    }

    public String password() {
        return password;
    }

    public String userId() {
        return userId;
    }

    public String token() {
        return token;
    }

    public String subdomain() {
        return subdomain;
    }

    public String host() {
        return host;
    }

    public String profileId() {
        return profileIds.get(0);
    }

    public String username() {
        return usernames.get(0);
    }

    public List<String> profileIds() {
        return List.copyOf(profileIds);
    }
}
