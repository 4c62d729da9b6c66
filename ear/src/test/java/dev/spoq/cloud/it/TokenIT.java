package dev.spoq.cloud.it;

import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ApiResponse;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.Json;
import dev.spoq.cloud.it.support.TestAccount;
import dev.spoq.cloud.it.support.Tokens;
import dev.spoq.cloud.it.support.Unique;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.spoq.cloud.it.support.ProblemAssert.assertProblem;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bearer tokens: logout revokes, garbage and forged tokens are refused with 401 + WWW-Authenticate. */
@ExtendWith(ComputerCleanup.class)
class TokenIT {

    private final ApiClient api = new ApiClient();

    @Test
    void logoutAnswers200AndTheTokenIsRefusedAfterwards() {
        TestAccount account = TestAccount.register(api);
        account.status().expect(200);

        assertTrue(account.logout().expect(200).path("success").asBoolean(), "logout must answer {success:true}");

        assertProblem(account.status(), 401).hasType("unauthenticated").hasBearerChallenge();
        assertProblem(account.devices(), 401).hasType("unauthenticated").hasBearerChallenge();
        assertProblem(api.post("/api/setup/subdomain", account.token(), Json.object("subdomain", Unique.subdomain())), 401)
                .hasType("unauthenticated").hasBearerChallenge();
        assertProblem(account.logout(), 401).hasType("unauthenticated").hasBearerChallenge();
    }

    @Test
    void afterLogoutTheUserCanLogInAgainAndGetsAWorkingToken() {
        TestAccount account = TestAccount.register(api);
        account.logout().expect(200);

        String fresh = account.login(account.password()).expect(200).path("token").asText();

        api.get("/api/status", fresh).expect(200);
        assertProblem(account.status(), 401).hasBearerChallenge();
    }

    @Test
    void oneUsersLogoutDoesNotRevokeAnotherUsersToken() {
        TestAccount leaving = TestAccount.register(api);
        TestAccount staying = TestAccount.register(api);

        leaving.logout().expect(200);

        staying.status().expect(200);
    }

    @Test
    void garbageTokenIs401() {
        ApiResponse response = api.get("/api/status", "garbage-not-a-token");

        assertProblem(response, 401).hasType("unauthenticated").hasBearerChallenge();
    }

    @Test
    void missingTokenIs401() {
        assertProblem(api.get("/api/status", null), 401).hasType("unauthenticated").hasBearerChallenge();
    }

    @Test
    void realTokenWithOneCharacterChangedIs401() {
        TestAccount account = TestAccount.register(api);

        ApiResponse response = api.get("/api/status", Tokens.withMiddleCharacterChanged(account.token()));

        assertProblem(response, 401).hasType("unauthenticated").hasBearerChallenge();
        account.status().expect(200);
    }

    @Test
    void tokenRewrittenToClaimAnotherAccountIs401() {
        TestAccount forger = TestAccount.register(api);
        TestAccount victim = TestAccount.register(api).claimSubdomain();

        String forged = Tokens.claimingOtherUser(forger.token(), forger.userId(), victim.userId());
        ApiResponse response = api.get("/api/status", forged);

        assertProblem(response, 401).hasType("unauthenticated").hasBearerChallenge();
    }

    @Test
    void unsignedJwtIs401() {
        TestAccount victim = TestAccount.register(api);

        ApiResponse response = api.get("/api/status", Tokens.unsignedJwtFor(victim.userId()));

        assertProblem(response, 401).hasType("unauthenticated").hasBearerChallenge();
    }
}
