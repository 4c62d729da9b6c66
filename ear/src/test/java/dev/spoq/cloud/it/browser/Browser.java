package dev.spoq.cloud.it.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Debian's chromium, headless, driven through /usr/bin/chromedriver (Selenium Manager never runs, nothing is
 * downloaded), with a fresh profile directory per browser. Knows the server under test and where screenshots go.
 */
final class Browser implements AutoCloseable {

    static final Dimension DESKTOP = new Dimension(1280, 900);
    static final Dimension PHONE = new Dimension(390, 844);

    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final Path SCREENSHOTS = Path.of(System.getProperty("spoq.it.screenshots", "target/screenshots"));

    final WebDriver driver;
    final String baseUrl;
    private final Path profileDir;
    private final String shotPrefix;

    private Browser(WebDriver driver, String baseUrl, Path profileDir, String shotPrefix) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.profileDir = profileDir;
        this.shotPrefix = shotPrefix;
    }

    /** A browser whose viewport (the page's layout width) is exactly this size; shotPrefix names its screenshots. */
    static Browser open(Dimension viewport, String shotPrefix, String... moreArguments) {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        Path profile;
        try {
            profile = Files.createTempDirectory("spoq-it-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--disable-extensions", "--disable-sync", "--disable-quic", "--hide-scrollbars", "--lang=en-US",
                // only this machine answers: any other name fails at once instead of a page waiting on it (the
                // OAuth stand-in's sign-in page links a web font; a hanging stylesheet moved its button under a click)
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
                "--window-size=" + Math.max(viewport.getWidth(), 800) + "," + viewport.getHeight(),
                "--user-data-dir=" + profile);
        // e.g. the OAuth tests' --ignore-certificate-errors-spki-list: their providers' one self-signed certificate
        options.addArguments(moreArguments);
        if (viewport.getWidth() < 800) {
            // a phone: its screen size, touch, and a phone's browser (the page's viewport meta tag applies)
            options.setExperimentalOption("mobileEmulation", Map.of(
                    "deviceMetrics", Map.of("width", viewport.getWidth(), "height", viewport.getHeight(),
                            "pixelRatio", 2.0, "touch", true, "mobile", true),
                    "userAgent", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
                            + "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        // every page records what its Content-Security-Policy refused (a script or style from elsewhere, an eval, ...)
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', "
                        + "e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        String base = System.getProperty("spoq.it.base-url", "http://127.0.0.1:19080");
        Browser browser = new Browser(driver, base.endsWith("/") ? base.substring(0, base.length() - 1) : base, profile, shotPrefix);
        browser.go("/login");
        assertEquals(viewport.getWidth(), ((Number) browser.js("return window.innerWidth")).intValue(), "viewport width");
        return browser;
    }

    void go(String path) {
        driver.get(baseUrl + path);
    }

    /** The path of the current address, e.g. "/setup". */
    String path() {
        String url = driver.getCurrentUrl();
        String rest = url.startsWith(baseUrl) ? url.substring(baseUrl.length()) : url;
        int query = rest.indexOf('?');
        return rest.isEmpty() ? "/" : query >= 0 ? rest.substring(0, query) : rest;
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    String text(String css) {
        return find(css).getText();
    }

    boolean present(String css) {
        return !all(css).isEmpty();
    }

    /** Clears a field and types into it like a user (key events, so keyup listeners fire). */
    void type(String css, String text) {
        WebElement field = find(css);
        scrollTo(field);
        field.clear();
        field.sendKeys(text);
    }

    void click(String css) {
        WebElement element = find(css);
        scrollTo(element);
        element.click();
    }

    void scrollTo(WebElement element) {
        js("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'})", element);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    <T> T await(Duration timeout, String what, ExpectedCondition<T> condition) {
        try {
            return new WebDriverWait(driver, timeout).pollingEvery(Duration.ofMillis(200))
                    // Ajax updates replace elements while we look at them
                    .ignoring(StaleElementReferenceException.class).ignoring(NoSuchElementException.class)
                    .withMessage(() -> what + " (now at " + driver.getCurrentUrl() + ")").until(condition);
        } catch (TimeoutException e) {
            keepEvidence("timeout");
            throw e;
        }
    }

    /** The page as it was when a wait gave up: screenshot and source, named by time, for a person to look at. */
    void keepEvidence(String why) {
        try {
            String name = "failure-" + why + "-" + System.currentTimeMillis();
            screenshot(name);
            Files.writeString(SCREENSHOTS.resolve(shotPrefix + "-" + name + ".html"), driver.getPageSource());
        } catch (RuntimeException | IOException ignored) {
            // evidence is a courtesy; the original failure is what counts
        }
    }

    <T> T await(String what, ExpectedCondition<T> condition) {
        return await(Duration.ofSeconds(20), what, condition);
    }

    /** Waits until the element's text contains the words. */
    void awaitText(String css, String words) {
        await("'" + words + "' in " + css, d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return !found.isEmpty() && found.get(0).getText().contains(words);
        });
    }

    void awaitPath(String path) {
        await("address " + path, d -> path().equals(path) && "complete".equals(js("return document.readyState")));
    }

    /** Leaves a mark in the page's JavaScript state: gone after any reload or navigation. */
    void markPage() {
        js("window.__spoqNoReload = 'still here'");
    }

    boolean stillMarked() {
        return "still here".equals(js("return window.__spoqNoReload || ''"));
    }

    /** Saves a PNG of the whole page (not only the visible part) as target/screenshots/<prefix>-<name>.png. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            js("window.scrollTo(0, 0)");
            long width = ((Number) js("return document.documentElement.clientWidth")).longValue();
            long height = ((Number) js("return Math.min(8000, Math.max(document.documentElement.scrollHeight, document.body.scrollHeight))")).longValue();
            Map<String, Object> shot = ((ChromeDriver) driver).executeCdpCommand("Page.captureScreenshot", Map.of(
                    "format", "png", "captureBeyondViewport", true,
                    "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
            Path target = SCREENSHOTS.resolve(shotPrefix + "-" + name + ".png");
            Files.write(target, Base64.getDecoder().decode((String) shot.get("data")));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page is no wider than the screen: no horizontal scrolling. */
    void assertNoHorizontalScroll(String where) {
        long scrollWidth = ((Number) js("return document.documentElement.scrollWidth")).longValue();
        long clientWidth = ((Number) js("return document.documentElement.clientWidth")).longValue();
        assertTrue(scrollWidth <= clientWidth, where + ": page is " + scrollWidth + " px wide on a " + clientWidth + " px screen");
    }

    /**
     * Every visible control (links, buttons, fields, selects, summaries) can be scrolled to, lies within the
     * screen's width, is not covered by something else at its centre, and buttons and fields are big enough to tap.
     */
    void assertControlsReachable(String where) {
        @SuppressWarnings("unchecked")
        List<String> problems = (List<String>) js("""
                const out = [];
                const width = document.documentElement.clientWidth;
                const name = el => el ? (el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '')) : 'nothing';
                const controls = document.querySelectorAll('a[href], button, input:not([type=hidden]), textarea:not(.xterm-helper-textarea), select, summary');
                for (const el of controls) {
                  if (el.closest('.ui-helper-hidden-accessible')) continue;
                  const style = getComputedStyle(el);
                  if (style.display === 'none' || style.visibility === 'hidden') continue;
                  const details = el.closest('details');
                  if (details && !details.open && el.tagName !== 'SUMMARY') continue;   // folded away until opened
                  if (el.checkVisibility && !el.checkVisibility({visibilityProperty: true, contentVisibilityAuto: true})) continue;
                  const box0 = el.getBoundingClientRect();
                  if (box0.width === 0 && box0.height === 0) continue;
                  el.focus({preventScroll: true});   // a "skip to content" link shows itself on focus
                  el.scrollIntoView({block: 'center', inline: 'nearest'});
                  const box = el.getBoundingClientRect();
                  if (box.left < -1 || box.right > width + 1) { out.push('outside the screen: ' + name(el) + ' ' + Math.round(box.left) + '..' + Math.round(box.right)); continue; }
                  const x = box.left + box.width / 2, y = box.top + box.height / 2;
                  const hit = document.elementFromPoint(x, y);
                  const label = el.labels && el.labels.length ? el.labels[0] : null;
                  if (!hit || !(hit === el || el.contains(hit) || (label && label.contains(hit)))) out.push('covered: ' + name(el) + ' by ' + name(hit));
                  const inlineLink = el.tagName === 'A' && !el.classList.contains('button') && getComputedStyle(el).display === 'inline';
                  if (!inlineLink && (box.height < 24 || box.width < 24)) out.push('too small to tap: ' + name(el) + ' ' + Math.round(box.width) + 'x' + Math.round(box.height));
                }
                if (document.activeElement) document.activeElement.blur();
                window.scrollTo(0, 0);
                return out;
                """);
        assertTrue(problems.isEmpty(), where + ": " + problems);
    }

    /** Everything the page loaded (styles, scripts, fonts, images) came from the application itself, and loaded. */
    void assertAllAssetsFromTheApplication(String where) {
        Object violations = js("return window.__cspViolations || []");
        assertTrue(((List<?>) violations).isEmpty(), where + ": the page's security policy refused " + violations);
        @SuppressWarnings("unchecked")
        List<String> foreign = (List<String>) js("""
                const origin = location.origin;
                return performance.getEntriesByType('resource').map(e => e.name).filter(u => !u.startsWith(origin));
                """);
        assertTrue(foreign.isEmpty(), where + " loaded from elsewhere: " + foreign);
        @SuppressWarnings("unchecked")
        List<String> failed = (List<String>) js("""
                return performance.getEntriesByType('resource').filter(e => e.responseStatus >= 400)
                    .map(e => e.responseStatus + ' ' + e.name);
                """);
        assertTrue(failed.isEmpty(), where + " could not load " + failed);
        @SuppressWarnings("unchecked")
        List<String> declared = (List<String>) js("""
                const origin = location.origin;
                const urls = [...document.querySelectorAll('link[href], script[src], img[src]')]
                    .map(e => e.href || e.src).filter(u => u && !u.startsWith(origin));
                return urls;
                """);
        assertTrue(declared.isEmpty(), where + " refers to assets elsewhere: " + declared);
    }

    /** Forgets the session (as a new visitor would be). */
    void forgetCookies() {
        driver.manage().deleteAllCookies();
    }

    String cookie(String name) {
        var cookie = driver.manage().getCookieNamed(name);
        return cookie == null ? null : cookie.getValue();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> paths = Files.walk(profileDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a leftover temp profile is harmless
            }
        }
    }
}
