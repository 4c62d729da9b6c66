package dev.spoq.cloud.it.browser;

import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.OpenSsh;
import dev.spoq.cloud.it.support.OpsClient;
import dev.spoq.cloud.it.support.SshIdentity;
import dev.spoq.cloud.it.support.Unique;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On a desktop screen: a new user goes landing → sign up → the four setup steps → dashboard, sees the computer
 * become ready without reloading, logs into it with ssh and the key the ssh.id stand-in served, then manages
 * the dashboard: the computer's live state, devices (add by key, remove), a second profile, logout and login.
 */
@ExtendWith(ComputerCleanup.class)
class SignupToDashboardIT {

    @Test
    void newUserReachesARunningComputerAndLogsInWithSsh() {
        try (Browser browser = Browser.open(Browser.DESKTOP, "desktop");
             SshIdentity phone = SshIdentity.generate("it-phone@spoq-test");
             SshIdentity laptop = SshIdentity.generate("it-laptop@spoq-test")) {
            Journey journey = new Journey(browser);
            journey.upToTheDeviceStep();
            journey.connectDevice(phone);
            journey.allSet(phone);
            journey.dashboard();
            assertTrue(browser.text("#profiles-card").contains(phone.fingerprint()), "the device's fingerprint on the dashboard");
            journey.setupIsBehindThem();

            // the computer really is there, and the key from ssh.id opens it
            int port = journey.computersSshPort();
            assertEquals(journey.username, OpenSsh.anyHostKey(port).awaitLogin(phone, journey.username, "id -un", Journey.PROVISIONING));

            addAndRemoveADevice(browser, journey, laptop);
            addASecondProfile(browser);
            liveStateFollowsTheComputer(browser, journey);
            logOutAndBackIn(browser, journey);
        }
    }

    /** A pasted key with a name full of markup: shown as text (escaped), then removed again. */
    private static void addAndRemoveADevice(Browser browser, Journey journey, SshIdentity laptop) {
        browser.go("/dashboard");
        browser.type("#devices\\:key", "not a key at all");
        browser.click("#devices\\:addDevice");
        journey.pages.awaitMessageFor("devices:key", "None of the text is a public key we accept");
        assertTrue(browser.text("#keys-rejected").contains("Line 1"), "why the line was refused");

        String markup = "<b id=\"injected\">laptop</b>";
        browser.find("#devices\\:key").clear();
        browser.js("arguments[0].value = arguments[1]", browser.find("#devices\\:key"), laptop.publicLine());
        browser.type("#devices\\:name", markup);
        browser.click("#devices\\:addDevice");
        browser.awaitText("#profiles-card", laptop.fingerprint());
        assertTrue(browser.text("#keys-added").contains(laptop.fingerprint()));
        assertTrue(browser.text("#profiles-card").contains(markup), "the name is shown as the user typed it");
        assertTrue(browser.all("#injected").isEmpty(), "the name's markup is not rendered");
        journey.look("09-dashboard-two-devices");

        WebElement row = browser.find("li.device[data-device-name='" + markup.replace("\"", "\\\"") + "']");
        WebElement remove = row.findElement(By.cssSelector("button[id$=':remove']"));
        browser.scrollTo(remove);
        remove.click();
        Alert confirm = browser.await("the confirmation", d -> {
            try {
                return d.switchTo().alert();
            } catch (org.openqa.selenium.NoAlertPresentException e) {
                return null;
            }
        });
        assertTrue(confirm.getText().contains("Remove this device?"), confirm.getText());
        confirm.accept();
        browser.await("the device to go", d -> !d.findElement(By.id("profiles-card")).getText().contains(laptop.fingerprint()));
        assertTrue(browser.text("#profiles-card").contains(journey.username));
        assertTrue(browser.find("#messages").getText().contains("Device removed"), browser.find("#messages").getText());
    }

    private static void addASecondProfile(Browser browser) {
        String second = Unique.username();
        browser.type("#profiles\\:username", "root");
        browser.click("#profiles\\:addProfile");
        new Pages(browser).awaitMessageFor("profiles:username", "system account name");
        browser.type("#profiles\\:username", second);
        browser.click("#profiles\\:addProfile");
        browser.await("the second profile", d -> !d.findElements(By.cssSelector("article.profile[data-username='" + second + "']")).isEmpty());
        assertTrue(browser.all("#profiles\\:username").isEmpty(), "two profiles are the most: no form for a third");
        assertFalse(browser.all("#devices\\:profile option").isEmpty(), "a device can now be added to either profile");
    }

    /** An operator pauses and resumes the computer: the dashboard follows by itself, no reload. */
    private static void liveStateFollowsTheComputer(Browser browser, Journey journey) {
        ApiClient api = new ApiClient();
        String containerId = new OpsClient(api).computerOf(journey.userId()).expect(200).path("container_id").asText();
        browser.go("/dashboard");
        browser.markPage();
        api.send("POST", "/internal/containers/" + containerId + "/suspend", ApiClient.bearer(OpsClient.internalToken()), "").expect(200);
        browser.await(Duration.ofSeconds(30), "the dashboard to show the pause",
                d -> "suspended".equals(d.findElement(By.id("computer-status")).getAttribute("data-status")));
        assertEquals("Paused", browser.text("#computer-status"));
        browser.await("no usage figures for a stopped computer", d -> !d.findElements(By.id("usage-none")).isEmpty());
        journey.look("10-dashboard-paused");
        api.send("POST", "/internal/containers/" + containerId + "/resume", ApiClient.bearer(OpsClient.internalToken()), "").expect(200);
        browser.await(Journey.PROVISIONING, "the dashboard to show the computer ready again",
                d -> "running".equals(d.findElement(By.id("computer-status")).getAttribute("data-status")));
        browser.await(Duration.ofSeconds(40), "usage figures again", d -> !d.findElements(By.id("usage-memory")).isEmpty());
        assertTrue(browser.stillMarked(), "the state changed on the page without a reload");
    }

    private static void logOutAndBackIn(Browser browser, Journey journey) {
        String loggedInSession = browser.cookie("JSESSIONID");
        journey.pages.logOut();
        assertTrue(browser.present("#nav-login"), "logged out: the header offers to log in");
        browser.go("/dashboard");
        browser.awaitPath("/login");
        assertNotEquals(loggedInSession, browser.cookie("JSESSIONID"), "logout ended the session");
        String beforeLogin = browser.cookie("JSESSIONID");
        journey.pages.logIn(journey.email, journey.password);
        browser.awaitPath("/dashboard");
        assertNotEquals(beforeLogin, browser.cookie("JSESSIONID"), "a new session id at login (no session fixation)");
    }
}
