package dev.spoq.cloud.it.account;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoq.cloud.it.support.ItDatabase;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ApiResponse;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.Inbox;
import dev.spoq.cloud.it.support.Json;
import dev.spoq.cloud.it.support.Subscriber;
import dev.spoq.cloud.it.support.TestAccount;
import dev.spoq.cloud.it.support.Unique;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static dev.spoq.cloud.it.support.ProblemAssert.assertProblem;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The account's emails, with a real SMTP server in the test (GreenMail): the verification link of a sign-up, the
 * computer stopped when an email stays unverified past the deadline (the sign-up moved 49 hours back in the
 * database) and started again by verifying, the password reset link (works once, expires, an unknown address is
 * answered the same), and a password change or "log out everywhere" ending the other sessions.
 */
@ExtendWith(ComputerCleanup.class)
class EmailFlowsIT {

    private static final ApiClient api = new ApiClient();

    @BeforeAll
    static void startTheMailServer() {
        ServerReady.await();
        Inbox.ensureStarted();
    }

    @Test
    void theSignUpsLinkVerifiesTheEmailOnceAndOnlyItsOwnAccount() {
        TestAccount alice = TestAccount.register(api);
        TestAccount bob = TestAccount.register(api);
        JsonNode before = api.get("/api/account", alice.token()).expect(200);
        assertEquals(alice.email(), before.path("email").asText());
        assertFalse(before.path("email_verified").asBoolean(), before::toString);
        assertFalse(before.path("verify_by").asText().isBlank(), before::toString);

        Inbox.Mail mail = Mailed.await(alice.email(), "Confirm your email");
        URI link = Mailed.link(mail);
        assertTrue(link.toString().startsWith(System.getProperty("spoq.it.base-url") + "/verify-email?token="), link::toString);

        ApiResponse page = api.send("GET", link.getRawPath() + "?" + link.getRawQuery(), Map.of(), null);
        assertEquals(200, page.status(), page::toString);
        assertTrue(page.body().contains("Your email is confirmed"), page.body());
        assertTrue(api.get("/api/account", alice.token()).expect(200).path("email_verified").asBoolean());
        // the link was alice's: bob's account is untouched
        assertFalse(api.get("/api/account", bob.token()).expect(200).path("email_verified").asBoolean());

        // once only: the same link again does nothing, and says so
        ApiResponse again = api.send("GET", link.getRawPath() + "?" + link.getRawQuery(), Map.of(), null);
        assertTrue(again.body().contains("This confirmation link does not work"), again.body());
        assertProblem(api.post("/api/account/verify-email", null, Json.object("token", Mailed.token(mail))), 400).hasField("token");
        assertProblem(api.post("/api/account/verify-email", null, Json.object("token", "x".repeat(43))), 400).hasField("token");
        assertProblem(api.post("/api/account/verify-email", null, Json.object()), 400).hasField("token");
        assertProblem(api.post("/api/account/verify-email/resend", alice.token(), Json.object()), 409);

        // bob asks for a second link; it works too
        api.post("/api/account/verify-email/resend", bob.token(), Json.object()).expect(202);
        Inbox.Mail second = Mailed.await(bob.email(), "Confirm your email", 2);
        api.post("/api/account/verify-email", null, Json.object("token", Mailed.token(second))).expect(200);
        assertTrue(api.get("/api/account", bob.token()).expect(200).path("email_verified").asBoolean());
        assertProblem(api.get("/api/account", null), 401);
    }

    @Test
    void anEmailUnverifiedPastTheDeadlineStopsTheComputerAndVerifyingStartsItAgain() {
        Subscriber carol = Subscriber.register(api).claim("ev");
        carol.awaitRunning();
        Inbox.Mail signUpMail = Mailed.await(carol.account().email(), "Confirm your email");

        // 49 hours pass (the deadline is 48): the sweep stops the computer and says why
        assertEquals(1, ItDatabase.update("UPDATE users SET created_at = now() - interval '49 hours' WHERE id = CAST(? AS uuid)",
                carol.userId()));
        await("suspended for the unverified email").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(carol::containerStatus, "suspended"::equals);
        Inbox.Mail stopped = Mailed.await(carol.account().email(), "stopped until you confirm your email");
        JsonNode account = api.get("/api/account", carol.account().token()).expect(200);
        assertTrue(account.path("suspended_unverified").asBoolean(), account::toString);
        await("the service at 0 replicas").atMost(Duration.ofSeconds(30))
                .until(() -> dev.spoq.cloud.it.support.Docker.desiredReplicas(carol.service()) == 0);

        // the first link still works: verifying starts the computer again, files kept
        api.post("/api/account/verify-email", null, Json.object("token", Mailed.token(signUpMail))).expect(200);
        carol.awaitRunning(Duration.ofSeconds(90));
        JsonNode after = api.get("/api/account", carol.account().token()).expect(200);
        assertTrue(after.path("email_verified").asBoolean(), after::toString);
        assertFalse(after.path("suspended_unverified").asBoolean(), after::toString);
        assertTrue(stopped.text().contains("/verify-email?token="), stopped::text);
    }

    @Test
    void aResetLinkWorksOnceExpiresAndAnUnknownAddressIsAnsweredTheSame() {
        TestAccount dave = TestAccount.register(api);
        String otherSession = dave.login(dave.password()).expect(200).path("token").asText();

        ApiResponse known = api.post("/api/account/password-reset", null, Json.object("email", dave.email().toUpperCase()));
        String unknownAddress = Unique.email();
        ApiResponse unknown = api.post("/api/account/password-reset", null, Json.object("email", unknownAddress));
        assertEquals(202, known.status(), known::toString);
        assertEquals(known.status(), unknown.status());
        assertEquals(known.body(), unknown.body(), "the same answer whether or not the address has an account");
        assertProblem(api.post("/api/account/password-reset", null, Json.object("email", "not-an-address")), 400).hasField("email");

        Inbox.Mail mail = Mailed.await(dave.email(), "Reset your Spoq Cloud password");
        assertTrue(Mailed.link(mail).toString().startsWith(System.getProperty("spoq.it.base-url") + "/reset-password?token="));
        Mailed.nothingFor(unknownAddress, Duration.ofSeconds(2));
        assertTrue(Inbox.to(unknownAddress).isEmpty());

        // the reset page opens from the link
        URI link = Mailed.link(mail);
        ApiResponse page = api.send("GET", link.getRawPath() + "?" + link.getRawQuery(), Map.of(), null);
        assertEquals(200, page.status(), page::toString);
        assertTrue(page.body().contains("Choose a new password"), page.body());

        String newPassword = Unique.password();
        assertProblem(api.post("/api/account/password-reset/complete", null, Json.object("token", Mailed.token(mail), "password", "short")),
                400).hasField("password");
        api.post("/api/account/password-reset/complete", null, Json.object("token", Mailed.token(mail), "password", newPassword)).expect(200);
        // every session of the account ended; only the new password logs in
        assertProblem(dave.status(), 401);
        assertProblem(api.get("/api/status", otherSession), 401);
        assertProblem(dave.login(dave.password()), 401);
        dave.login(newPassword).expect(200);
        // once only
        assertProblem(api.post("/api/account/password-reset/complete", null,
                Json.object("token", Mailed.token(mail), "password", Unique.password())), 400).hasField("token");

        // a second link that is more than an hour old no longer works
        api.post("/api/account/password-reset", null, Json.object("email", dave.email())).expect(202);
        Inbox.Mail later = Mailed.await(dave.email(), "Reset your Spoq Cloud password", 2);
        assertEquals(1, ItDatabase.update("UPDATE account_email_tokens SET expires_at = now() - interval '1 second', "
                        + "created_at = now() - interval '61 minutes' WHERE user_id = CAST(? AS uuid) AND used_at IS NULL AND purpose = 'reset-password'",
                dave.userId()));
        assertProblem(api.post("/api/account/password-reset/complete", null,
                Json.object("token", Mailed.token(later), "password", Unique.password())), 400).hasField("token");
        dave.login(newPassword).expect(200);
        // the stored token is its hash, never the token the mail carries
        assertTrue(ItDatabase.rows("SELECT token_hash FROM account_email_tokens WHERE user_id = CAST(? AS uuid)", dave.userId())
                .stream().noneMatch(row -> row.get(0).contains(Mailed.token(later))));
    }

    @Test
    void changingThePasswordAsksForTheCurrentOneAndEndsEveryOtherSession() {
        TestAccount erin = TestAccount.register(api);
        TestAccount frank = TestAccount.register(api);
        String phone = erin.login(erin.password()).expect(200).path("token").asText();
        String newPassword = Unique.password();

        assertProblem(api.post("/api/account/password", erin.token(), Json.object("current_password", "wrong password!", "password", newPassword)),
                403).hasField("current_password");
        assertProblem(api.post("/api/account/password", erin.token(), Json.object("current_password", erin.password(), "password", "short")),
                400).hasField("password");
        // frank's session with erin's password changes nothing of erin's (nor of frank's)
        assertProblem(api.post("/api/account/password", frank.token(), Json.object("current_password", erin.password(), "password", newPassword)),
                403).hasField("current_password");
        assertProblem(api.post("/api/account/password", null, Json.object("current_password", erin.password(), "password", newPassword)), 401);

        api.post("/api/account/password", erin.token(), Json.object("current_password", erin.password(), "password", newPassword)).expect(200);
        erin.status().expect(200); // this session goes on
        assertProblem(api.get("/api/status", phone), 401); // the other one ended
        assertProblem(erin.login(erin.password()), 401);
        erin.login(newPassword).expect(200);
        frank.login(frank.password()).expect(200);
        frank.status().expect(200);
        Mailed.await(erin.email(), "password was changed");
    }

    @Test
    void logOutEverywhereEndsEverySessionOfTheAccountOnly() {
        TestAccount gina = TestAccount.register(api);
        TestAccount hank = TestAccount.register(api);
        String laptop = gina.login(gina.password()).expect(200).path("token").asText();

        JsonNode ended = api.post("/api/account/logout-everywhere", gina.token(), Json.object()).expect(200);
        assertEquals(2, ended.path("ended").asInt(), ended::toString);
        assertProblem(gina.status(), 401);
        assertProblem(api.get("/api/status", laptop), 401);
        hank.status().expect(200);
        gina.login(gina.password()).expect(200);
        assertProblem(api.post("/api/account/logout-everywhere", null, Json.object()), 401);
    }
}
