package dev.spoq.cloud.it.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a user does on the pages, step by step, in the words the pages use. */
final class Pages {

    static final String STEP_TITLE = "#step-title";

    private final Browser browser;

    Pages(Browser browser) {
        this.browser = browser;
    }

    void signUp(String email, String password) {
        browser.go("/signup");
        browser.type("#signup\\:email", email);
        browser.type("#signup\\:password", password);
        browser.click("#signup\\:submit");
        browser.awaitPath("/setup");
    }

    /** Fills the login form and submits it; does not wait for where it leads. */
    void submitLogin(String email, String password) {
        browser.go("/login");
        browser.type("#login\\:email", email);
        browser.type("#login\\:password", password);
        browser.click("#login\\:submit");
    }

    void logIn(String email, String password) {
        submitLogin(email, password);
        browser.await("logged in", d -> !browser.path().equals("/login"));
    }

    void logOut() {
        browser.click("#logout\\:submit");
        browser.awaitPath("/");
    }

    /** The wizard's step now: 1 to 4, from the form's data-step. */
    int step() {
        return Integer.parseInt(browser.find("#wizard").getAttribute("data-step"));
    }

    void awaitStep(int step, String title) {
        awaitStep(step, title, Duration.ofSeconds(20));
    }

    void awaitStep(int step, String title, Duration timeout) {
        browser.await(timeout, "wizard step " + step, d -> {
            List<WebElement> form = d.findElements(By.id("wizard"));
            return !form.isEmpty() && String.valueOf(step).equals(form.get(0).getAttribute("data-step"))
                    && d.findElement(By.cssSelector(STEP_TITLE)).getText().contains(title);
        });
    }

    /** Types an address and waits for the live verdict about exactly that name below the field; returns it. */
    String typeAddress(String subdomain) {
        browser.type("#wizard\\:subdomain", subdomain);
        return browser.await("the verdict on " + subdomain, d -> {
            WebElement verdict = d.findElement(By.id("wizard:availability"));
            return subdomain.equals(verdict.getAttribute("data-checked")) && !verdict.getText().isBlank()
                    ? verdict.getText() : null;
        });
    }

    void claimAddress(String subdomain) {
        String verdict = typeAddress(subdomain);
        assertEquals("✓ Available", verdict);
        browser.click("#wizard\\:claim");
        awaitStep(2, "Create your profile");
    }

    void createProfile(String username) {
        browser.type("#wizard\\:username", username);
        browser.click("#wizard\\:createProfile");
        awaitStep(3, "Connect your device", Duration.ofSeconds(60));
    }

    void submitCode(String code) {
        browser.type("#wizard\\:code", code);
        browser.click("#wizard\\:addByCode");
    }

    void submitPastedKey(String text) {
        openPasteBox();
        WebElement field = browser.find("#wizard\\:key");
        browser.scrollTo(field);
        field.clear();
        // JavaScript sets long multi-line text at once (typing it would take seconds); the value is what a paste gives
        browser.js("arguments[0].value = arguments[1]", field, text);
        browser.click("#wizard\\:addPastedKey");
    }

    void openPasteBox() {
        WebElement details = browser.find("#paste");
        if (details.getAttribute("open") == null) {
            browser.click("#paste-toggle");
        }
    }

    /** The error shown next to a field (its p:message, whose id is the field's plus "Message"), or "" when none. */
    String messageFor(String fieldId) {
        try {
            List<WebElement> messages = browser.driver.findElements(By.id(fieldId + "Message"));
            return messages.isEmpty() ? "" : messages.get(0).getText().strip();
        } catch (org.openqa.selenium.StaleElementReferenceException replacedMeanwhile) {
            return "";
        }
    }

    /** Waits until the message next to the field says these words, and returns it. */
    String awaitMessageFor(String fieldId, String words) {
        return browser.await("'" + words + "' next to " + fieldId, d -> {
            String text = messageFor(fieldId);
            return text.contains(words) ? text : null;
        });
    }
}
