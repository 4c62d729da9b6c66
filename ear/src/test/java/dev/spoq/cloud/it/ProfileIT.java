package dev.spoq.cloud.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ApiResponse;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.Json;
import dev.spoq.cloud.it.support.TestAccount;
import dev.spoq.cloud.it.support.Unique;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.Set;

import static dev.spoq.cloud.it.support.ProblemAssert.assertProblem;
import static dev.spoq.cloud.it.support.ValueChecks.assertUuid;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** POST /api/setup/profile: needs a subdomain, username rules, duplicates, the limit of 2. */
@ExtendWith(ComputerCleanup.class)
class ProfileIT {

    private final ApiClient api = new ApiClient();

    private ApiResponse createProfile(TestAccount account, String username) {
        return api.post("/api/setup/profile", account.token(), Json.object("username", username));
    }

    @Test
    void createAnswers201WithProfileIdAndUsername() {
        TestAccount account = TestAccount.register(api).claimSubdomain();
        String username = Unique.username();

        JsonNode body = createProfile(account, username).expect(201);

        assertUuid(body.get("profile_id"), "profile_id");
        assertEquals(username, body.path("username").asText());
    }

    @ParameterizedTest(name = "accepted username \"{0}\"")
    @ValueSource(strings = {"a", "_svc", "alice", "a-b_c9", "dev_01", "abcdefghijklmnopqrstuvwxyz012345"})
    void usernamesMatchingTheRuleAreAccepted(String username) {
        TestAccount account = TestAccount.register(api).claimSubdomain();

        JsonNode body = createProfile(account, username).expect(201);

        assertEquals(username, body.path("username").asText());
    }

    @Test
    void withoutASubdomainIs409SubdomainRequired() {
        TestAccount account = TestAccount.register(api);

        assertProblem(createProfile(account, Unique.username()), 409).hasType("subdomain-required");
    }

    @Test
    void theSameUsernameTwiceIs409ProfileExists() {
        TestAccount account = TestAccount.register(api).claimSubdomain();
        String username = Unique.username();
        account.createProfile(username);

        assertProblem(createProfile(account, username), 409).hasField("username").hasType("profile-exists");
    }

    @Test
    void aThirdProfileIs409ProfileLimit() {
        TestAccount account = TestAccount.register(api).claimSubdomain();
        account.createProfile();
        account.createProfile();

        assertProblem(createProfile(account, Unique.username()), 409).hasType("profile-limit");
    }

    @Test
    void differentUsersMayEachHaveTheSameUsername() {
        TestAccount first = TestAccount.register(api).claimSubdomain();
        TestAccount second = TestAccount.register(api).claimSubdomain();

        createProfile(first, "alice").expect(201);
        createProfile(second, "alice").expect(201);
    }

    @Test
    void statusListsTheProfiles() {
        TestAccount account = TestAccount.register(api).claimSubdomain();
        String first = account.createProfile("alice");
        String second = account.createProfile("bob");

        JsonNode profiles = account.status().expect(200).path("profiles");

        Set<String> listed = new HashSet<>();
        profiles.forEach(profile -> listed.add(profile.path("profile_id").asText() + "=" + profile.path("username").asText()));
        assertEquals(Set.of(first + "=alice", second + "=bob"), listed);
    }
}
