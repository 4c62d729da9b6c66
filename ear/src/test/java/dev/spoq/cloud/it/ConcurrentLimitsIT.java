package dev.spoq.cloud.it;

import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ApiResponse;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.Json;
import dev.spoq.cloud.it.support.Parallel;
import dev.spoq.cloud.it.support.SshKey;
import dev.spoq.cloud.it.support.TestAccount;
import dev.spoq.cloud.it.support.TestKeys;
import dev.spoq.cloud.it.support.Unique;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static dev.spoq.cloud.it.support.ProblemAssert.assertProblem;
import static dev.spoq.cloud.it.support.StatusCounts.assertStatusCounts;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The limits hold when the requests arrive all at once. */
@ExtendWith(ComputerCleanup.class)
class ConcurrentLimitsIT {

    private static final int CALLERS = 10;

    private final ApiClient api = new ApiClient();

    @Test
    void tenParallelDeviceAddsOnOneProfileExactlyTwoSucceed() {
        TestAccount account = TestAccount.withProfile(api);
        List<SshKey> keys = IntStream.range(0, CALLERS).mapToObj(i -> TestKeys.ed25519()).toList();

        List<ApiResponse> responses = Parallel.run(CALLERS, i -> account.addKeys(account.profileId(), keys.get(i).line()));

        assertStatusCounts(Map.of(201, 2L, 409, 8L), responses);
        responses.stream().filter(r -> r.status() == 409).forEach(r -> assertProblem(r, 409).hasType("device-limit"));
        assertEquals(2, account.devices().expect(200).path("devices").size());
    }

    @Test
    void tenParallelDeviceAddsOverTwoProfilesStopAtFourPerUser() {
        TestAccount account = TestAccount.withProfile(api);
        List<String> profiles = List.of(account.profileId(), account.createProfile());
        List<SshKey> keys = IntStream.range(0, CALLERS).mapToObj(i -> TestKeys.ed25519()).toList();

        List<ApiResponse> responses = Parallel.run(CALLERS, i -> account.addKeys(profiles.get(i % 2), keys.get(i).line()));

        assertStatusCounts(Map.of(201, 4L, 409, 6L), responses);
        responses.stream().filter(r -> r.status() == 409).forEach(r -> assertProblem(r, 409).hasType("device-limit"));
        assertEquals(4, account.devices().expect(200).path("devices").size());
    }

    @Test
    void tenParallelProfileCreatesExactlyTwoSucceed() {
        TestAccount account = TestAccount.register(api).claimSubdomain();

        List<ApiResponse> responses = Parallel.run(CALLERS, i -> api.post("/api/setup/profile", account.token(),
                Json.object("username", Unique.username())));

        assertStatusCounts(Map.of(201, 2L, 409, 8L), responses);
        responses.stream().filter(r -> r.status() == 409).forEach(r -> assertProblem(r, 409).hasType("profile-limit"));
        assertEquals(2, account.status().expect(200).path("profiles").size());
    }

    @Test
    void tenParallelCreatesOfOneUsernameExactlyOneSucceeds() {
        TestAccount account = TestAccount.register(api).claimSubdomain();
        String username = Unique.username();

        List<ApiResponse> responses = Parallel.run(CALLERS, i -> api.post("/api/setup/profile", account.token(),
                Json.object("username", username)));

        assertStatusCounts(Map.of(201, 1L, 409, 9L), responses);
        responses.stream().filter(r -> r.status() == 409)
                .forEach(r -> assertProblem(r, 409).hasField("username").hasType("profile-exists"));
        assertEquals(1, account.status().expect(200).path("profiles").size());
    }

    @Test
    void parallelRegistrationsOfOneEmailExactlyOneSucceeds() {
        String email = Unique.email();
        String password = Unique.password();

        List<ApiResponse> responses = Parallel.run(CALLERS, i -> api.post("/api/auth/register", null,
                Json.object("email", i % 2 == 0 ? email : email.toUpperCase(), "password", password)));

        assertStatusCounts(Map.of(201, 1L, 409, 9L), responses);
        responses.stream().filter(r -> r.status() == 409)
                .forEach(r -> assertProblem(r, 409).hasField("email").hasType("email-taken"));
        api.post("/api/auth/login", null, Json.object("email", email, "password", password)).expect(200);
    }
}
