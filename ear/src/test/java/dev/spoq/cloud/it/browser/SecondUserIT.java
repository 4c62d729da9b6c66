package dev.spoq.cloud.it.browser;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.SshIdentity;
import dev.spoq.cloud.it.support.TestAccount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two finished accounts, made through the API and logged into the pages with the same credentials (one account
 * for both). The second cannot see or change the first's data: not by addresses carrying the first's ids, not
 * by form posts without the page's view state (what a forged cross-site form sends), not with a made-up view
 * state, and not with its own valid view state naming the first's profile.
 */
@ExtendWith(ComputerCleanup.class)
class SecondUserIT {

    @Test
    void theSecondUserCannotOpenOrChangeTheFirstUsersData() throws Exception {
        ApiClient api = new ApiClient();
        try (SshIdentity aliceKey = SshIdentity.generate("it-alice@spoq-test");
             SshIdentity bobKey = SshIdentity.generate("it-bob@spoq-test");
             SshIdentity spareKey = SshIdentity.generate("it-spare@spoq-test");
             Browser alicesBrowser = Browser.open(Browser.DESKTOP, "desktop-first-user");
             Browser bobsBrowser = Browser.open(Browser.DESKTOP, "desktop-second-user")) {

            TestAccount alice = TestAccount.withProfile(api);
            String aliceDevice = alice.addDevice(alice.profileId(), aliceKey.key()).path("device_id").asText();
            TestAccount bob = TestAccount.withProfile(api);
            bob.createProfile();
            bob.addDevice(bob.profileId(), bobKey.key());

            new Pages(alicesBrowser).logIn(alice.email(), alice.password());
            alicesBrowser.awaitPath("/dashboard");
            new Pages(bobsBrowser).logIn(bob.email(), bob.password());
            bobsBrowser.awaitPath("/dashboard");
            assertSeesOnlyBob(bobsBrowser, alice, aliceKey, bob);
            bobsBrowser.screenshot("01-dashboard");

            // addresses that carry the first user's ids show the second user's own data
            for (String path : List.of("/dashboard?user_id=" + alice.userId(), "/dashboard?profile_id=" + alice.profileId(),
                    "/dashboard?device_id=" + aliceDevice, "/setup?user_id=" + alice.userId(),
                    "/dashboard/" + alice.userId(), "/api/devices?user_id=" + alice.userId())) {
                bobsBrowser.go(path);
                String body = bobsBrowser.find("body").getText();
                assertFalse(body.contains(alice.subdomain()), path + " shows the first user's address");
                assertFalse(body.contains(aliceKey.fingerprint()), path + " shows the first user's key");
                assertFalse(body.contains(alice.username()), path + " shows the first user's login");
            }

            // forged posts from the second user's session: no view state, a made-up one
            String bobsSession = bobsBrowser.cookie("JSESSIONID");
            Map<String, String> removeFirstRow = new LinkedHashMap<>();
            removeFirstRow.put("profiles", "profiles");
            removeFirstRow.put("profiles:list:0:devices:0:remove", "profiles:list:0:devices:0:remove");
            removeFirstRow.put("device_id", aliceDevice);
            HttpResponse<String> noState = post("/dashboard", bobsSession, removeFirstRow);
            assertTrue(noState.statusCode() < 500, "no server error: " + noState.statusCode());
            Map<String, String> madeUp = new LinkedHashMap<>(removeFirstRow);
            for (String guess : List.of("-1234567890:-987654321", "MzY2YzdlZjg3MGY3ODYwMjAwMDAwMDAy", "stateless")) {
                madeUp.put("jakarta.faces.ViewState", guess);
                HttpResponse<String> madeUpState = post("/dashboard", bobsSession, madeUp);
                assertTrue(madeUpState.statusCode() == 302 || madeUpState.statusCode() == 303,
                        "a post with the made-up view state " + guess + " is sent back to the page: " + madeUpState.statusCode());
            }

            // the same forgeries riding on the first user's own session (what a cross-site form would do)
            String alicesSession = alicesBrowser.cookie("JSESSIONID");
            post("/dashboard", alicesSession, removeFirstRow);
            post("/dashboard", alicesSession, madeUp);

            // with its own valid view state, the second user names the first user's profile for a new device
            bobsBrowser.go("/dashboard");
            String viewState = (String) bobsBrowser.js(
                    "return document.querySelector('#devices input[name=\"jakarta.faces.ViewState\"]').value");
            Map<String, String> intoAlicesProfile = new LinkedHashMap<>();
            intoAlicesProfile.put("devices", "devices");
            intoAlicesProfile.put("devices:profile", alice.profileId());
            intoAlicesProfile.put("devices:key", spareKey.publicLine());
            intoAlicesProfile.put("devices:addDevice", "devices:addDevice");
            intoAlicesProfile.put("jakarta.faces.ViewState", viewState);
            HttpResponse<String> crossProfile = post("/dashboard", bobsSession, intoAlicesProfile);
            assertEquals(200, crossProfile.statusCode());

            // nothing changed for either of them
            JsonNode alicesDevices = alice.devices().expect(200).path("devices");
            assertEquals(1, alicesDevices.size(), alicesDevices.toString());
            assertEquals(aliceDevice, alicesDevices.get(0).path("device_id").asText());
            JsonNode bobsDevices = bob.devices().expect(200).path("devices");
            assertEquals(1, bobsDevices.size(), bobsDevices.toString());
            assertFalse(bobsDevices.toString().contains(spareKey.fingerprint()));

            // and without any session, the pages are closed
            HttpResponse<String> stranger = post("/dashboard", null, removeFirstRow);
            assertEquals(303, stranger.statusCode());
            assertTrue(stranger.headers().firstValue("Location").orElse("").endsWith("/login"));
            bobsBrowser.go("/dashboard");
            assertSeesOnlyBob(bobsBrowser, alice, aliceKey, bob);
        }
    }

    private static void assertSeesOnlyBob(Browser browser, TestAccount alice, SshIdentity aliceKey, TestAccount bob) {
        String page = browser.find("body").getText();
        String source = browser.driver.getPageSource();
        assertTrue(page.contains(bob.subdomain()), "the second user's own address");
        assertTrue(page.contains(bob.email()), "the second user's own email");
        for (String secret : List.of(alice.subdomain(), alice.email(), alice.username(), aliceKey.fingerprint(), alice.userId(), alice.profileId())) {
            assertFalse(source.contains(secret), "the second user's page holds the first user's " + secret);
        }
    }

    /** A form post as a browser sends it (urlencoded), with or without a session cookie; redirects not followed. */
    private static HttpResponse<String> post(String path, String session, Map<String, String> form) throws IOException, InterruptedException {
        String base = System.getProperty("spoq.it.base-url", "http://127.0.0.1:19080");
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Cookie", "JSESSIONID=" + session);
        }
        // HTTP/1.1 as browsers speak it here (the default h2c upgrade of a POST with a body stalls)
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
