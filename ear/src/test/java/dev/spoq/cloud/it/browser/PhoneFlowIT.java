package dev.spoq.cloud.it.browser;

import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.SshIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same way from the landing page to the dashboard on a phone (390×844, touch, a phone's browser): at
 * every step the page is no wider than the screen, every control can be reached and tapped, and it is photographed.
 */
@ExtendWith(ComputerCleanup.class)
class PhoneFlowIT {

    @Test
    void theWholeSetupWorksOnAPhone() {
        try (Browser browser = Browser.open(Browser.PHONE, "phone");
             SshIdentity phone = SshIdentity.generate("it-phone@spoq-test")) {
            Journey journey = new Journey(browser);
            journey.upToTheDeviceStep();
            browser.click("#paste-toggle");
            journey.look("05b-step3-paste-open");
            browser.click("#paste-toggle");
            journey.connectDevice(phone);
            journey.allSet(phone);
            journey.dashboard();
            assertTrue(browser.text("#profiles-card").contains(phone.fingerprint()), "the device's fingerprint on the dashboard");
            // a logged-in user who opens /login is taken on to where they belong
            browser.go("/login");
            browser.awaitPath("/dashboard");
        }
    }
}
