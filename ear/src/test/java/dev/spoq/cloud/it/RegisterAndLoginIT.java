package dev.spoq.cloud.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ApiResponse;
import dev.spoq.cloud.it.support.Json;
import dev.spoq.cloud.it.support.TestAccount;
import dev.spoq.cloud.it.support.Unique;
import org.junit.jupiter.api.Test;

import static dev.spoq.cloud.it.support.ProblemAssert.assertProblem;
import static dev.spoq.cloud.it.support.ValueChecks.assertFutureInstant;
import static dev.spoq.cloud.it.support.ValueChecks.assertToken;
import static dev.spoq.cloud.it.support.ValueChecks.assertUuid;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** POST /api/auth/register and /api/auth/login: happy paths, normalisation, duplicates, wrong credentials. */
class RegisterAndLoginIT {

    private final ApiClient api = new ApiClient();

    @Test
    void registerAnswers201WithUserIdTokenAndExpiry() {
        ApiResponse response = api.post("/api/auth/register", null,
                Json.object("email", Unique.email(), "password", Unique.password()));

        JsonNode body = response.expect(201);
        assertUuid(body.get("user_id"), "user_id");
        assertToken(body.get("token"));
        assertFutureInstant(body.get("expires_at"), "expires_at");
        api.get("/api/status", body.get("token").asText()).expect(200);
    }

    @Test
    void registerTrimsAndLowerCasesTheEmail() {
        String email = Unique.email();
        String password = Unique.password();
        api.post("/api/auth/register", null, Json.object("email", "  " + email.toUpperCase() + "  ", "password", password))
                .expect(201);

        JsonNode login = api.post("/api/auth/login", null, Json.object("email", email, "password", password)).expect(200);
        assertToken(login.get("token"));
    }

    @Test
    void registerAcceptsTheBoundaryLengths() {
        String tenCharacterPassword = "Kx7#pQ2!vZ";
        api.post("/api/auth/register", null, Json.object("email", Unique.email(), "password", tenCharacterPassword))
                .expect(201);

        String longestPassword = "Aa1!" + Unique.alnum(252);
        api.post("/api/auth/register", null, Json.object("email", Unique.email(), "password", longestPassword))
                .expect(201);

        String local = Unique.letters(64);
        String domain = Unique.letters(63) + "." + Unique.letters(63) + "." + Unique.letters(57) + ".com";
        String longestEmail = local + "@" + domain;
        assertEquals(254, longestEmail.length());
        api.post("/api/auth/register", null, Json.object("email", longestEmail, "password", Unique.password()))
                .expect(201);
    }

    @Test
    void registeringATakenEmailInAnyCaseIs409EmailTaken() {
        TestAccount first = TestAccount.register(api);

        ApiResponse again = api.post("/api/auth/register", null,
                Json.object("email", first.email().toUpperCase(), "password", Unique.password()));

        assertProblem(again, 409).hasField("email").hasType("email-taken");
    }

    @Test
    void loginAnswers200WithAWorkingToken() {
        TestAccount account = TestAccount.register(api);

        JsonNode body = account.login(account.password()).expect(200);

        assertToken(body.get("token"));
        assertFutureInstant(body.get("expires_at"), "expires_at");
        api.get("/api/status", body.get("token").asText()).expect(200);
    }

    @Test
    void loginIsCaseInsensitiveOnTheEmail() {
        TestAccount account = TestAccount.register(api);

        api.post("/api/auth/login", null, Json.object("email", account.email().toUpperCase(), "password", account.password()))
                .expect(200);
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheIdentical401() {
        TestAccount account = TestAccount.register(api);

        ApiResponse wrongPassword = account.login(account.password() + "x");
        ApiResponse unknownEmail = api.post("/api/auth/login", null,
                Json.object("email", Unique.email(), "password", account.password()));

        assertProblem(wrongPassword, 401).hasType("invalid-credentials");
        assertProblem(unknownEmail, 401).hasType("invalid-credentials");
        assertEquals(wrongPassword.json(), unknownEmail.json(), "the two 401 bodies must not tell the cases apart");
    }
}
