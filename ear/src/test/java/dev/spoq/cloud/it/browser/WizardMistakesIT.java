package dev.spoq.cloud.it.browser;

import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.Limits;
import dev.spoq.cloud.it.support.Computers;
import dev.spoq.cloud.it.support.SshIdStandIn;
import dev.spoq.cloud.it.support.SshIdentity;
import dev.spoq.cloud.it.support.TestAccount;
import dev.spoq.cloud.it.support.TestKeys;
import dev.spoq.cloud.it.support.Unique;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On a phone: every mistake shows its message where the user looks and keeps them on the step — signup with a
 * bad email or password, taken / reserved / invalid addresses (live and on Continue), bad usernames, bad keys
 * and unknown ssh.id codes; a reload, a new login or a direct address resumes the wizard at the right step and
 * no step can be skipped; repeated wrong passwords are throttled with the service's message.
 */
@ExtendWith(ComputerCleanup.class)
class WizardMistakesIT {

    @BeforeAll
    static void startSshIdStandIn() {
        SshIdStandIn.ensureStarted();
    }

    @Test
    void mistakesKeepTheUserOnTheStepWithAMessage() {
        ApiClient api = new ApiClient();
        TestAccount other = TestAccount.register(api).claimSubdomain();
        String taken = other.subdomain();

        try (Browser browser = Browser.open(Browser.PHONE, "phone-mistakes")) {
            Journey journey = new Journey(browser);
            Pages pages = journey.pages;

            // sign up: the service's rules, next to the fields
            browser.go("/signup");
            browser.type("#signup\\:email", "not-an-email");
            browser.type("#signup\\:password", "short");
            browser.click("#signup\\:submit");
            pages.awaitMessageFor("signup:email", "not an email address");
            assertEquals("/signup", browser.path());
            browser.type("#signup\\:email", journey.email);
            browser.type("#signup\\:password", "short");
            browser.click("#signup\\:submit");
            pages.awaitMessageFor("signup:password", "at least 10");
            journey.look("01-signup-errors");
            browser.type("#signup\\:email", journey.email);
            browser.type("#signup\\:password", journey.password);
            browser.click("#signup\\:submit");
            pages.awaitStep(1, "Choose your address");

            // step 1: taken, reserved, invalid — live as they type, and again on Continue
            String verdict = pages.typeAddress(taken);
            assertEquals("✗ '" + taken + "' already belongs to someone.", verdict);
            browser.click("#wizard\\:claim");
            pages.awaitMessageFor("wizard:subdomain", "already belongs to someone");
            assertEquals(1, pages.step());
            journey.look("02-step1-taken");
            String reserved = pages.typeAddress("www");
            assertTrue(reserved.contains("kept for Spoq Cloud itself"), reserved);
            String tooShort = pages.typeAddress("ab");
            assertTrue(tooShort.contains("at least 3"), tooShort);
            String hyphen = pages.typeAddress("-" + Unique.alnum(6));
            assertTrue(hyphen.startsWith("✗") && hyphen.contains("hyphen"), hyphen);
            browser.click("#wizard\\:claim");
            pages.awaitMessageFor("wizard:subdomain", "hyphen");
            assertEquals(1, pages.step());
            journey.look("03-step1-invalid");

            // no skipping ahead, and a reload resumes
            browser.go("/dashboard");
            browser.awaitPath("/setup");
            pages.awaitStep(1, "Choose your address");
            browser.driver.navigate().refresh();
            pages.awaitStep(1, "Choose your address");

            pages.claimAddress(journey.subdomain);
            Computers.trackSubdomain(journey.subdomain);
            browser.driver.navigate().refresh();
            pages.awaitStep(2, "Create your profile");

            // step 2: names Linux refuses
            browser.type("#wizard\\:username", "root");
            browser.click("#wizard\\:createProfile");
            pages.awaitMessageFor("wizard:username", "system account name");
            browser.type("#wizard\\:username", "Bad Name");
            browser.click("#wizard\\:createProfile");
            pages.awaitMessageFor("wizard:username", "Start with a lowercase letter");
            assertEquals(2, pages.step());
            journey.look("04-step2-bad-username");
            browser.type("#wizard\\:username", "9lives");
            browser.click("#wizard\\:createProfile");
            pages.awaitMessageFor("wizard:username", "Start with a lowercase letter");
            assertEquals(2, pages.step());

            // a new login resumes where they stopped
            pages.logOut();
            pages.logIn(journey.email, journey.password);
            browser.awaitPath("/setup");
            pages.awaitStep(2, "Create your profile");
            pages.createProfile(journey.username);
            browser.driver.navigate().refresh();
            pages.awaitStep(3, "Connect your device");

            // step 3: codes and keys that do not work
            browser.click("#wizard\\:addByCode");
            pages.awaitMessageFor("wizard:code", "Enter the ssh.id code");
            pages.submitCode(Unique.sshIdCode());
            pages.awaitMessageFor("wizard:code", "ssh.id does not know the code");
            assertEquals(3, pages.step());
            String noUsableKey = SshIdStandIn.serve(new SshIdStandIn.Answer.Keys(TestKeys.rsa(1024).line() + "\n"));
            pages.submitCode(noUsableKey);
            pages.awaitMessageFor("wizard:code", "no public key we accept");
            assertTrue(browser.text("#keys-rejected").contains("Line 1"), browser.text("#keys-rejected"));
            journey.look("05-step3-bad-code");

            pages.submitPastedKey("hello, this is not a key");
            pages.awaitMessageFor("wizard:key", "None of the text is a public key we accept");
            pages.submitPastedKey(TestKeys.openSshPrivateKey());
            browser.await("the refusal of a private key", d -> d.findElement(By.id("keys-rejected")).getText().toLowerCase().contains("private"));
            assertEquals(3, pages.step());
            journey.look("06-step3-private-key");

            // finally a good key: done
            try (SshIdentity laptop = SshIdentity.generate("it-laptop@spoq-test")) {
                pages.submitPastedKey(laptop.publicLine());
                pages.awaitStep(4, "You're all set");
                assertTrue(browser.text("#keys-added").contains(laptop.fingerprint()));
            }
            browser.driver.navigate().refresh();
            browser.awaitPath("/dashboard");
        }
    }

    @Test
    void repeatedWrongPasswordsAreThrottledWithTheServicesMessage() {
        TestAccount account = TestAccount.register(new ApiClient());
        // the failures are counted in fixed windows: all of them must fall into one
        Limits.awaitRoomInWindow(Limits.loginWindow(), Duration.ofSeconds(90));
        try (Browser browser = Browser.open(Browser.PHONE, "phone-login")) {
            Pages pages = new Pages(browser);
            pages.submitLogin(account.email(), "wrong password " + Unique.alnum(6));
            browser.awaitText("#login\\:messages", "Email or password is wrong.");
            String message = "";
            for (int attempt = 0; attempt < 8 && !message.contains("Too many failed logins"); attempt++) {
                // the last answer is wiped first, so that the wait below sees this attempt's answer, not the one before
                browser.js("arguments[0].textContent = ''", browser.find("#login\\:messages"));
                pages.submitLogin(account.email(), "wrong password " + Unique.alnum(6));
                browser.await("an answer", d -> !d.findElement(By.id("login:messages")).getText().isBlank());
                message = browser.text("#login\\:messages");
            }
            assertTrue(message.contains("Too many failed logins. Try again in"), message);
            assertEquals("/login", browser.path());
            browser.screenshot("01-throttled");
            // even the right password waits now
            pages.submitLogin(account.email(), account.password());
            browser.awaitText("#login\\:messages", "Too many failed logins");
        }
    }
}
