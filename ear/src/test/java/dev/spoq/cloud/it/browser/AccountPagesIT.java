package dev.spoq.cloud.it.browser;

import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.Inbox;
import dev.spoq.cloud.it.support.SshIdentity;
import dev.spoq.cloud.it.support.TestAccount;
import dev.spoq.cloud.it.support.Unique;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.spoq.cloud.it.support.ProblemAssert.assertProblem;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The account pages in headless Chromium (desktop): "Forgot your password?" from the login page, the mailed link
 * (GreenMail), the new password; on the dashboard no confirm-your-email banner (the reset confirmed the address), changing the password (another
 * session ends, this one goes on) and "Log out everywhere" (this session ends too). Screenshots under
 * target/screenshots/desktop-account-*.
 */
@ExtendWith(ComputerCleanup.class)
class AccountPagesIT {

    private static final Pattern RESET_LINK = Pattern.compile("https?://\\S+(/reset-password\\?token=[A-Za-z0-9_-]+)");

    @Test
    void resetFromTheMailThenChangeThePasswordAndLogOutEverywhereOnTheDashboard() {
        ApiClient api = new ApiClient();
        Inbox.ensureStarted();
        await("the application is ready").atMost(Duration.ofMinutes(5)).ignoreExceptions()
                .until(() -> api.send("GET", "/health/ready", Map.of(), null).status() == 200);
        TestAccount alice = TestAccount.withProfile(api);
        try (SshIdentity phoneKey = SshIdentity.generate("it-account@spoq-test");
             Browser browser = Browser.open(Browser.DESKTOP, "desktop-account")) {
            alice.addDevice(alice.profileId(), phoneKey.key()); // a finished setup: the dashboard opens
            browser.go("/login");
            browser.click("#to-forgot");
            browser.awaitPath("/forgot-password");
            browser.type("#forgot\\:email", alice.email());
            browser.click("#forgot\\:send");
            browser.awaitText("#reset-sent", "If an account uses this address");
            browser.screenshot("01-reset-asked");

            String mailPath = await("the reset mail").atMost(Duration.ofSeconds(20))
                    .until(() -> Inbox.to(alice.email(), "Reset your Spoq Cloud password"), mails -> !mails.isEmpty())
                    .get(0).text().lines().map(RESET_LINK::matcher).filter(Matcher::find).map(m -> m.group(1))
                    .findFirst().orElseThrow();
            browser.go(mailPath);
            String reset = Unique.password();
            browser.type("#reset\\:password", reset);
            browser.click("#reset\\:save");
            browser.awaitText("#reset-done", "Your password is changed");
            browser.screenshot("02-reset-done");
            assertProblem(alice.status(), 401); // the API session from before the reset ended

            new Pages(browser).logIn(alice.email(), reset);
            browser.go("/dashboard");
            browser.awaitPath("/dashboard");
            // the reset link reached the address: that confirmed it too, so no confirm-your-email banner
            assertTrue(browser.all("#verify-banner").isEmpty(), "the reset confirmed the address");
            browser.screenshot("03-dashboard-account");

            // change the password here: the API session made before ends, the page's goes on
            String apiSession = alice.login(reset).expect(200).path("token").asText();
            String changed = Unique.password();
            browser.type("#password\\:current", reset);
            browser.type("#password\\:new", changed);
            browser.click("#password\\:change");
            browser.awaitText("#messages", "Password changed");
            browser.screenshot("04-password-changed");
            assertProblem(api.get("/api/status", apiSession), 401);
            browser.go("/dashboard");
            assertEquals("/dashboard", browser.path());

            // log out everywhere: another session and this page's end
            String phone = alice.login(changed).expect(200).path("token").asText();
            browser.js("window.confirm = function () { return true; }");
            browser.click("#sessions\\:logoutEverywhere");
            browser.awaitPath("/login");
            assertProblem(api.get("/api/status", phone), 401);
            browser.go("/dashboard");
            browser.awaitPath("/login");
            browser.screenshot("05-logged-out-everywhere");
            assertTrue(List.of("/login").contains(browser.path()));
        }
    }
}
