package dev.spoq.cloud.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ApiResponse;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.TestAccount;
import dev.spoq.cloud.it.support.Unique;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static dev.spoq.cloud.it.support.ProblemAssert.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /api/subdomain/check/{name} and POST /api/setup/subdomain. */
@ExtendWith(ComputerCleanup.class)
class SubdomainIT {

    private final ApiClient api = new ApiClient();

    private JsonNode check(String name) {
        return api.get("/api/subdomain/check/" + ApiClient.segment(name), null).expect(200);
    }

    @Test
    void checkOfAFreeNameSaysAvailableWithoutAuthentication() {
        String name = Unique.subdomain();

        JsonNode body = check(name);

        assertEquals(name, body.path("subdomain").asText());
        assertTrue(body.path("available").asBoolean(), body.toString());
        assertTrue(body.has("reason") && body.get("reason").isNull(), "reason must be null: " + body);
    }

    @Test
    void checkLowerCasesTheName() {
        String name = Unique.subdomain();

        JsonNode body = check(name.toUpperCase());

        assertEquals(name, body.path("subdomain").asText());
        assertTrue(body.path("available").asBoolean(), body.toString());
    }

    @Test
    void checkOfAClaimedNameSaysTaken() {
        TestAccount owner = TestAccount.register(api).claimSubdomain();

        JsonNode body = check(owner.subdomain());

        assertFalse(body.path("available").asBoolean(), body.toString());
        assertEquals("taken", body.path("reason").asText());
        assertFalse(body.path("detail").asText("").isBlank(), "detail must say why: " + body);
    }

    @ParameterizedTest(name = "reserved: \"{0}\"")
    @ValueSource(strings = {"www", "api", "admin", "mail", "ssh", "app", "status", "docs", "blog", "help", "support",
            "billing", "dashboard", "root", "ns1", "ns2", "smtp", "imap", "ftp", "static", "cdn", "WWW", "Admin"})
    void checkOfAReservedNameSaysReserved(String name) {
        JsonNode body = check(name);

        assertFalse(body.path("available").asBoolean(), body.toString());
        assertEquals("reserved", body.path("reason").asText(), body.toString());
        assertFalse(body.path("detail").asText("").isBlank(), "detail must say why: " + body);
    }

    @ParameterizedTest(name = "invalid: \"{0}\"")
    @ValueSource(strings = {"a", "ab", "-abcd", "abcd-", "xn--abcd", "ab--cd", "under_score", "dot.ted", "spa ce",
            "ümlaut", "smile😀", "semi;colon", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void checkOfAnInvalidNameSaysInvalid(String name) {
        JsonNode body = check(name);

        assertFalse(body.path("available").asBoolean(), body.toString());
        assertEquals("invalid", body.path("reason").asText(), body.toString());
        assertFalse(body.path("detail").asText("").isBlank(), "detail must say why: " + body);
    }

    @Test
    void checkAcceptsTheBoundaryShapes() {
        for (String name : new String[]{"q" + ThreadLocalRandom.current().nextInt(10, 100), "t" + Unique.alnum(62), "1" + Unique.alnum(9),
                "t-" + Unique.alnum(8), "ta-b" + Unique.alnum(6)}) {
            JsonNode body = check(name);
            assertTrue(body.path("available").asBoolean() || "taken".equals(body.path("reason").asText()),
                    "\"" + name + "\" is a valid label: " + body);
        }
    }

    @Test
    void claimAnswers201PendingWithHost() {
        TestAccount account = TestAccount.register(api);
        String name = Unique.subdomain();

        JsonNode body = account.claim(name).expect(201);

        assertEquals(name, body.path("subdomain").asText());
        assertEquals("pending", body.path("status").asText());
        assertTrue(body.path("host").asText().startsWith(name + "."), "host must be <subdomain>.<domain>: " + body);
        assertTrue(body.path("host").asText().length() > name.length() + 2, "host needs a domain: " + body);
    }

    @Test
    void claimLowerCasesTheName() {
        TestAccount account = TestAccount.register(api);
        String name = Unique.subdomain();

        JsonNode body = account.claim(name.toUpperCase()).expect(201);

        assertEquals(name, body.path("subdomain").asText());
        assertFalse(check(name).path("available").asBoolean());
    }

    @Test
    void claimOfTheLongestValidNameWorks() {
        TestAccount account = TestAccount.register(api);
        String name = "t" + Unique.alnum(61) + "x";

        account.claimSubdomain(name);

        assertEquals(name, account.subdomain());
    }

    @Test
    void claimingTheSameNameAgainIsIdempotent200() {
        TestAccount account = TestAccount.register(api).claimSubdomain();

        JsonNode again = account.claim(account.subdomain()).expect(200);

        assertEquals(account.subdomain(), again.path("subdomain").asText());
        assertEquals(account.host(), again.path("host").asText());
        assertFalse(again.path("status").asText("").isBlank(), "current state must be given: " + again);
    }

    @Test
    void claimingASecondDifferentNameIs409AlreadyClaimed() {
        TestAccount account = TestAccount.register(api).claimSubdomain();
        String other = Unique.subdomain();

        assertProblem(account.claim(other), 409).hasType("subdomain-already-claimed");

        assertTrue(check(other).path("available").asBoolean(), "the refused name must stay free");
    }

    @Test
    void claimingANameTakenByAnotherAccountIs409SubdomainTaken() {
        TestAccount owner = TestAccount.register(api).claimSubdomain();
        TestAccount latecomer = TestAccount.register(api);

        assertProblem(latecomer.claim(owner.subdomain()), 409).hasField("subdomain").hasType("subdomain-taken");
        assertProblem(latecomer.claim(owner.subdomain().toUpperCase()), 409).hasField("subdomain").hasType("subdomain-taken");
    }

    @Test
    void claimingAReservedNameIs400AndTheAccountCanStillClaimAnother() {
        TestAccount account = TestAccount.register(api);

        ApiResponse reserved = account.claim("admin");

        assertProblem(reserved, 400).hasField("subdomain");
        account.claimSubdomain();
    }

    @Test
    void statusShowsTheClaimedSubdomainWithItsComputerOnItsWay() {
        TestAccount account = TestAccount.register(api).claimSubdomain();

        JsonNode status = account.status().expect(200);

        assertEquals(account.subdomain(), status.path("subdomain").asText());
        assertTrue(List.of("pending", "provisioning", "running").contains(status.path("container_status").asText()),
                "the consumer starts provisioning at once: " + status);
        assertEquals(account.host(), status.path("host").asText());
    }
}
