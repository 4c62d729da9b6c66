package dev.spoq.cloud.it.browser;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.Computers;
import dev.spoq.cloud.it.support.Docker;
import dev.spoq.cloud.it.support.Json;
import dev.spoq.cloud.it.support.OAuthProviders;
import dev.spoq.cloud.it.support.SshIdentity;
import dev.spoq.cloud.it.support.TestAccount;
import dev.spoq.cloud.it.support.Unique;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

import static dev.spoq.cloud.it.support.OAuthProviders.GITHUB;
import static dev.spoq.cloud.it.support.OAuthProviders.GOOGLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sign-in with Google (OpenID Connect) and GitHub (OAuth 2) in headless Chromium, against a real OAuth 2 / OpenID
 * Connect server over TLS (mock-oauth2-server, {@link OAuthProviders}): its login page takes the provider account's
 * subject and claims as a person's provider account would have them. A new person signs up from a verified email
 * and reaches the wizard (and, through Google, the dashboard and an API token that works); logs out and in again;
 * a provider login whose email has a password account joins it only after that password; an unverified email
 * makes no account.
 */
@ExtendWith(ComputerCleanup.class)
class OAuthSignInIT {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PROVIDERS = "https://127.0.0.1:" + System.getProperty("spoq.it.oauth.port", "18095");

    @BeforeAll
    static void providers() {
        OAuthProviders.ensureStarted();
        // on a busy machine the application may still be starting when the server says it is up
        ApiClient api = new ApiClient();
        long until = System.nanoTime() + Duration.ofMinutes(6).toNanos();
        while (api.get("/health/ready", null).status() != 200) {
            if (System.nanoTime() > until) {
                throw new AssertionError("the application did not become ready");
            }
            sleep(Duration.ofSeconds(2));
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void signUpWithGoogleReachesTheWizardTheDashboardAndTheApi() {
        String email = Unique.email();
        String subject = "google-" + Unique.alnum(16);
        String subdomain = Unique.subdomain();
        try (Browser browser = open(Browser.DESKTOP, "oauth-google");
             SshIdentity laptop = SshIdentity.generate("it-oauth-laptop@spoq-test")) {
            Pages pages = new Pages(browser);
            browser.go("/signup");
            assertEquals("Continue with Google", browser.text("#oauth-google"));
            assertEquals("Continue with GitHub", browser.text("#oauth-github"));
            look(browser, "01-signup-with-providers");
            String anonymous = browser.cookie("JSESSIONID");

            browser.click("#oauth-google");
            atProvider(browser, GOOGLE, subject, email, true, "02-google-sign-in");
            browser.awaitPath("/setup");
            pages.awaitStep(1, "Choose your address");
            assertNotEquals(anonymous, browser.cookie("JSESSIONID"), "a new session id at login (no session fixation)");
            look(browser, "03-wizard-after-google");

            // the pages work for this account as for any: address, profile, device, dashboard
            pages.claimAddress(subdomain);
            Computers.trackSubdomain(subdomain);
            pages.createProfile(Unique.username());
            pages.submitPastedKey(laptop.publicLine());
            pages.awaitStep(4, "You're all set", Duration.ofSeconds(60));
            browser.click("#to-dashboard");
            browser.awaitPath("/dashboard");
            assertEquals(email, browser.text("#account-email"));

            // an account without a password gets its API token from the dashboard, and the API takes it
            browser.click("#apiToken\\:create");
            String token = browser.await("a new API token", d -> {
                List<WebElement> shown = d.findElements(By.id("api-token"));
                return shown.isEmpty() || shown.get(0).getText().isBlank() ? null : shown.get(0).getText();
            });
            look(browser, "04-dashboard-api-token");
            ApiClient api = new ApiClient();
            JsonNode status = api.get("/api/status", token).expect(200);
            assertEquals(subdomain, status.path("subdomain").asText());
            // and it has no password that the API's login could take
            api.post("/api/auth/login", null, Json.object("email", email, "password", Unique.password())).expect(401);

            pages.logOut();
            browser.go("/dashboard");
            browser.awaitPath("/login");
            browser.click("#oauth-google");
            atProvider(browser, GOOGLE, subject, email, true, null);
            // a finished account goes on to its dashboard
            browser.awaitPath("/dashboard");
            assertEquals(email, browser.text("#account-email"));
            browser.screenshot("05-dashboard-after-second-google-login");

            // leaving without a password: the account's own Google login, signed in again just now, confirms it
            assertTrue(browser.all("#password\\:current").isEmpty(), "no password to change");
            assertTrue(browser.text("#leave-how").contains("no password"), browser.text("#leave-how"));
            // the API's deletion asks for a password this account does not have: it says where to go instead
            JsonNode noPassword = api.post("/api/account/delete", token, Json.object("password", Unique.password())).expect(403);
            assertEquals("password", noPassword.path("field").asText(), noPassword.toString());
            // a login that is not this account's (another Google subject with the same address) deletes nothing
            deleteWithGoogle(browser);
            atProvider(browser, GOOGLE, "google-" + Unique.alnum(16), OAuthProviders.freshLoginClaims(email));
            browser.awaitPath("/dashboard");
            assertTrue(browser.text("#leave-notice").contains("not the one your account signs in with"), browser.text("#leave-notice"));
            look(browser, "06-leave-refused-for-another-login");
            api.get("/api/status", token).expect(200);
            // nor does the right login without a fresh sign-in (no auth_time: Google did not ask again)
            deleteWithGoogle(browser);
            atProvider(browser, GOOGLE, subject, email, true, null);
            browser.awaitPath("/dashboard");
            assertTrue(browser.text("#leave-notice").contains("did not ask you to sign in again"), browser.text("#leave-notice"));
            api.get("/api/status", token).expect(200);
            // the account's own login, fresh: gone, with its computer and every token
            deleteWithGoogle(browser);
            atProvider(browser, GOOGLE, subject, OAuthProviders.freshLoginClaims(email));
            browser.awaitPath("/");
            api.get("/api/status", token).expect(401);
            Awaitility.await("the computer of a deleted account").atMost(Duration.ofSeconds(60))
                    .until(() -> !Docker.serviceExists(Docker.serviceName(subdomain)));
            // and the same Google login afterwards starts a new account (its tie to the old one went too)
            browser.go("/login");
            browser.click("#oauth-google");
            atProvider(browser, GOOGLE, subject, email, true, null);
            browser.awaitPath("/setup");
            pages.awaitStep(1, "Choose your address");
        }
    }

    /** The dashboard's "Delete my account · confirm with Google", its confirm() dialog answered yes. */
    private static void deleteWithGoogle(Browser browser) {
        browser.js("window.confirm = function () { return true; }");
        browser.click("#leave button[data-provider=google]");
        String address = browser.await("Google's sign-in page", d -> d.getCurrentUrl().startsWith(PROVIDERS + "/" + GOOGLE + "/authorize")
                ? d.getCurrentUrl() : null);
        // a lingering Google session is not enough: Google is asked to sign the person in again
        assertTrue(address.contains("prompt=login") && address.contains("max_age=0"), address);
    }

    @Test
    void signUpWithGitHubOnAPhoneAndLogInAgain() {
        String email = Unique.email();
        String subject = githubId();
        try (Browser browser = open(Browser.PHONE, "oauth-github-phone")) {
            Pages pages = new Pages(browser);
            browser.go("/login");
            look(browser, "01-login-with-providers");
            browser.click("#oauth-github");
            atProvider(browser, GITHUB, subject, email, true, "02-github-sign-in");
            browser.awaitPath("/setup");
            pages.awaitStep(1, "Choose your address");
            look(browser, "03-wizard-after-github");

            pages.logOut();
            browser.go("/setup");
            browser.awaitPath("/login");
            browser.click("#oauth-github");
            atProvider(browser, GITHUB, subject, email, true, null);
            browser.awaitPath("/setup");
            pages.awaitStep(1, "Choose your address");
            browser.screenshot("04-wizard-after-second-github-login");
        }
    }

    @Test
    void aProviderLoginJoinsAPasswordAccountOnlyAfterItsPassword() {
        ApiClient api = new ApiClient();
        TestAccount account = TestAccount.register(api);
        String subject = "google-" + Unique.alnum(16);
        try (Browser browser = open(Browser.DESKTOP, "oauth-link")) {
            Pages pages = new Pages(browser);
            browser.go("/login");
            browser.click("#oauth-google");
            atProvider(browser, GOOGLE, subject, account.email(), true, null);
            browser.awaitPath("/link");
            assertEquals(account.email(), browser.text("#link-email"));
            assertTrue(browser.text("#link-explanation").contains("Enter its password once to connect your Google login"));
            look(browser, "01-link-asks-for-the-password");

            // the provider's word alone opens nothing
            browser.go("/setup");
            browser.awaitPath("/login");
            browser.go("/link");
            browser.awaitPath("/link");

            browser.type("#link\\:password", "not-" + account.password());
            browser.click("#link\\:submit");
            browser.awaitText("#link\\:messages", "That password is wrong.");
            assertEquals("/link", browser.path());
            browser.go("/setup");
            browser.awaitPath("/login");
            browser.go("/link");
            browser.awaitPath("/link");
            look(browser, "02-link-after-a-wrong-password");

            browser.type("#link\\:password", account.password());
            browser.click("#link\\:submit");
            browser.awaitPath("/setup");
            pages.awaitStep(1, "Choose your address");
            look(browser, "03-linked-into-the-wizard");

            // from now on Google alone logs this account in, and its password still does
            pages.logOut();
            browser.go("/login");
            browser.click("#oauth-google");
            atProvider(browser, GOOGLE, subject, account.email(), true, null);
            browser.awaitPath("/setup");
            pages.awaitStep(1, "Choose your address");
            api.post("/api/auth/login", null, Json.object("email", account.email(), "password", account.password())).expect(200);

            // another Google account naming the same address is asked for the password again, and cannot add itself
            pages.logOut();
            browser.go("/login");
            browser.click("#oauth-google");
            atProvider(browser, GOOGLE, "google-" + Unique.alnum(16), account.email(), true, null);
            browser.awaitPath("/link");
            browser.type("#link\\:password", account.password());
            browser.click("#link\\:submit");
            browser.awaitText("#link\\:messages", "already connected to another Google login");
            browser.go("/setup");
            browser.awaitPath("/login");
        }
    }

    @Test
    void anUnverifiedProviderEmailMakesNoAccount() {
        String googleEmail = Unique.email();
        String githubEmail = Unique.email();
        try (Browser browser = open(Browser.DESKTOP, "oauth-unverified")) {
            browser.go("/signup");
            browser.click("#oauth-google");
            atProvider(browser, GOOGLE, "google-" + Unique.alnum(16), googleEmail, false, null);
            browser.awaitPath("/login");
            browser.awaitText("#login\\:messages", "Google has not verified the email address of that account (" + googleEmail + ")");
            look(browser, "01-google-email-unverified");
            browser.go("/setup");
            browser.awaitPath("/login");

            browser.click("#oauth-github");
            atProvider(browser, GITHUB, githubId(), githubEmail, false, null);
            browser.awaitPath("/login");
            browser.awaitText("#login\\:messages", "GitHub has not verified the email address of that account");
            look(browser, "02-github-email-unverified");
            browser.go("/setup");
            browser.awaitPath("/login");
        }
        // no account was made: both addresses are still free
        ApiClient api = new ApiClient();
        for (String email : List.of(googleEmail, githubEmail)) {
            api.post("/api/auth/register", null, Json.object("email", email, "password", Unique.password())).expect(201);
        }
    }

    private static Browser open(Dimension size, String shots) {
        return Browser.open(size, shots, "--ignore-certificate-errors-spki-list=" + OAuthProviders.certificateSpki());
    }

    /** At the provider's login page (mock-oauth2-server's): the account's subject and its email claims, then back. */
    private static void atProvider(Browser browser, String issuer, String subject, String email, boolean verified, String shot) {
        atProvider(browser, issuer, subject, OAuthProviders.claims(email, verified), shot);
    }

    private static void atProvider(Browser browser, String issuer, String subject, String claims) {
        atProvider(browser, issuer, subject, claims, null);
    }

    private static void atProvider(Browser browser, String issuer, String subject, String claims, String shot) {
        // loaded and laid out before typing and clicking: a click computed on a page still changing can miss the button
        browser.await("the " + issuer + " sign-in page", d -> d.getCurrentUrl().startsWith(PROVIDERS + "/" + issuer + "/authorize")
                && !d.findElements(By.name("username")).isEmpty() && "complete".equals(browser.js("return document.readyState")));
        String address = browser.driver.getCurrentUrl();
        assertTrue(address.contains("code_challenge_method=S256") && address.contains("state="), address);
        assertEquals(issuer.equals(GOOGLE), address.contains("nonce="), address);
        browser.type("input[name=username]", subject);
        browser.type("textarea[name=claims]", claims);
        if (shot != null) {
            browser.screenshot(shot);
        }
        // the stand-in's own form, submitted as its button would (on the phone-size, touch-emulating browser a click on
        // that button was lost now and then; this test is about our side of the sign-in, not the stand-in's page)
        browser.js("arguments[0].form.requestSubmit()", browser.find("input[name=username]"));
        // the callback asks the provider two or three times over TLS before it answers: a busy CI machine gets a minute
        browser.await(Duration.ofSeconds(60), "back from " + issuer, d -> d.getCurrentUrl().startsWith(browser.baseUrl));
    }

    private static void look(Browser browser, String shot) {
        browser.assertNoHorizontalScroll(shot);
        browser.assertControlsReachable(shot);
        browser.assertAllAssetsFromTheApplication(shot);
        browser.screenshot(shot);
    }

    private static String githubId() {
        return String.valueOf(100_000_000L + RANDOM.nextInt(900_000_000));
    }
}
