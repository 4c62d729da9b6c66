package dev.spoq.cloud.it.browser;

import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.Computers;
import dev.spoq.cloud.it.support.Docker;
import dev.spoq.cloud.it.support.OpsClient;
import dev.spoq.cloud.it.support.SshIdStandIn;
import dev.spoq.cloud.it.support.SshIdentity;
import dev.spoq.cloud.it.support.TestKeys;
import dev.spoq.cloud.it.support.Unique;
import org.openqa.selenium.By;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A new user's way from the landing page to a running computer, as one person at one screen size does it:
 * landing → sign up → address → profile → device (ssh.id code) → "You're all set" with the computer's live
 * state → dashboard. Every page is checked for horizontal scrolling, reachable controls and assets from
 * the application only, and photographed.
 */
final class Journey {

    static final Duration PROVISIONING = Duration.ofSeconds(90);

    final Browser browser;
    final Pages pages;
    final String email = Unique.email();
    final String password = Unique.password();
    final String subdomain = Unique.subdomain();
    final String username = Unique.username();
    /** The pairing code step 4 showed for the device (issue 9: its first SSH login asks for it). */
    String pairingCode;

    Journey(Browser browser) {
        this.browser = browser;
        this.pages = new Pages(browser);
        SshIdStandIn.ensureStarted();
    }

    /** Layout checks and a screenshot of the page as it is now. */
    void look(String shot) {
        browser.assertNoHorizontalScroll(shot);
        browser.assertControlsReachable(shot);
        browser.assertAllAssetsFromTheApplication(shot);
        browser.screenshot(shot);
    }

    /** Landing → sign up → address → profile: the user is at step 3, "Connect your device". */
    void upToTheDeviceStep() {
        landing();
        signUp();
        chooseAddress();
        createProfile();
    }

    void landing() {
        browser.forgetCookies();
        browser.go("/");
        assertEquals("/", browser.path());
        String page = browser.find("main").getText();
        assertTrue(page.contains("$15"), page);
        assertTrue(page.contains("$150"), page);
        assertTrue(page.toLowerCase().contains("two months free"), page);
        look("01-landing");
        browser.click("#cta-signup");
        browser.awaitPath("/signup");
    }

    void signUp() {
        look("02-signup");
        String anonymousSession = browser.cookie("JSESSIONID");
        assertNotNull(anonymousSession, "the signup form lives in a session");
        browser.type("#signup\\:email", email);
        browser.type("#signup\\:password", password);
        browser.click("#signup\\:submit");
        browser.awaitPath("/setup");
        pages.awaitStep(1, "Choose your address");
        assertNotEquals(anonymousSession, browser.cookie("JSESSIONID"), "a new session id at login (no session fixation)");
    }

    void chooseAddress() {
        assertTrue(browser.find(".address-input .suffix").getText().startsWith(".spoq.dev"), "the domain beside the field");
        assertEquals("✓ Available", pages.typeAddress(subdomain));
        look("03-step1-address");
        browser.click("#wizard\\:claim");
        Computers.trackSubdomain(subdomain);
        pages.awaitStep(2, "Create your profile");
    }

    void createProfile() {
        assertTrue(browser.find("#wizard").getText().contains("This is your login username on your Spoq computer."));
        assertTrue(browser.find("#username-rules").getText().contains("lowercase letter"), "the Linux name rules are shown");
        browser.type("#wizard\\:username", username);
        look("04-step2-profile");
        browser.click("#wizard\\:createProfile");
        pages.awaitStep(3, "Connect your device", Duration.ofSeconds(60));
    }

    /** Adds the device by an ssh.id code whose answer has this key and a DSA key (which is refused, with the reason). */
    void connectDevice(SshIdentity key) {
        String wizard = browser.find("#wizard").getText();
        assertTrue(wizard.contains("Download Termius"), wizard);
        assertTrue(browser.find("#app-store").getAttribute("href").startsWith("https://apps.apple.com/"));
        assertTrue(browser.find("#google-play").getAttribute("href").startsWith("https://play.google.com/"));
        assertTrue(browser.find("#paste-toggle").getText().contains("or paste a public key"));
        String code = SshIdStandIn.serve(new SshIdStandIn.Answer.Keys(key.publicLine() + "\n" + TestKeys.dssLine() + "\n"));
        browser.type("#wizard\\:code", code);
        look("05-step3-device");
        browser.markPage();
        browser.click("#wizard\\:addByCode");
        pages.awaitStep(4, "You're all set", Duration.ofSeconds(60));
        assertTrue(browser.stillMarked(), "the wizard moved on without reloading the page");
    }

    /** Step 4: connection details, the added and refused keys, and the computer's live state until it is ready. */
    void allSet(SshIdentity key) {
        assertEquals(subdomain + ".spoq.dev", browser.text("#conn-host"));
        assertEquals(username, browser.text("#conn-user"));
        String page = browser.find("#wizard").getText();
        assertTrue(page.contains("Connect and run: spoq"), page);
        assertTrue(browser.text("#keys-added").contains(key.fingerprint()), "the added key's fingerprint");
        String rejected = browser.text("#keys-rejected");
        assertTrue(rejected.contains("Line 2"), rejected);
        assertTrue(rejected.toLowerCase().contains("dsa"), rejected);
        String termius = browser.find("#open-termius").getAttribute("href");
        assertTrue(termius.startsWith("ssh://" + username + "@" + subdomain + ".spoq.dev"), termius);
        assertTrue(browser.find("#to-dashboard").getAttribute("href").endsWith("/dashboard"));
        pairingCode = browser.text("#pairing-code");
        assertTrue(pairingCode.matches("[A-Z]{4}-[A-Z]{4}"), pairingCode);
        String pairing = browser.text("#pairing");
        assertTrue(pairing.contains("Your first login asks for this pairing code")
                && pairing.contains("asks for a pairing code once: type this one"), pairing);
        look("06-step4-starting");
        browser.markPage();
        browser.await(PROVISIONING, "the computer to become ready",
                d -> "running".equals(d.findElement(By.id("computer-status")).getAttribute("data-status")));
        assertTrue(browser.stillMarked(), "the state became 'Ready' without a reload (polled)");
        assertEquals("Ready", browser.text("#computer-status"));
        look("07-step4-ready");
    }

    void dashboard() {
        browser.click("#to-dashboard");
        browser.awaitPath("/dashboard");
        assertEquals(subdomain + ".spoq.dev", browser.text("#host"));
        assertEquals("running", browser.find("#computer-status").getAttribute("data-status"));
        assertEquals(email, browser.text("#account-email"));
        assertEquals("Free trial", browser.text("#subscription"));
        // the placeholder "Billing arrives soon" became the real card (issue 11): a trial, and both plans to choose
        String billing = browser.find("#billing-card").getText();
        assertTrue(browser.text("#billing-summary").startsWith("Free trial · ends on "), billing);
        assertTrue(billing.contains("$15/month") && billing.contains("$150/year"), billing);
        String profiles = browser.text("#profiles-card");
        assertTrue(profiles.contains(username), profiles);
        assertTrue(profiles.contains("Last connected"), profiles);
        assertTrue(profiles.contains("Awaiting its first login.") && profiles.contains("Pairing code: " + pairingCode), profiles);
        browser.await("usage figures", d -> !d.findElements(By.id("usage-memory")).isEmpty() || !d.findElements(By.id("usage-none")).isEmpty());
        look("08-dashboard");
    }

    /** A finished user who opens /setup lands on the dashboard. */
    void setupIsBehindThem() {
        browser.go("/setup");
        browser.awaitPath("/dashboard");
    }

    int computersSshPort() {
        return new OpsClient(new ApiClient()).computerOf(userId()).expect(200).path("ssh_port").asInt();
    }

    /** The user id behind the address (the pages never show ids): the label the platform puts on the user's Swarm service. */
    String userId() {
        return Docker.userOf(subdomain).orElseThrow(() -> new AssertionError("no Swarm service for " + subdomain));
    }

    static void assertNotBlank(String text, String what) {
        assertFalse(text == null || text.isBlank(), what);
    }
}
