package dev.spoq.cloud.it.browser;

import dev.spoq.cloud.it.gateway.GatewayProcess;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.Inbox;
import dev.spoq.cloud.it.support.Json;
import dev.spoq.cloud.it.support.OpsClient;
import dev.spoq.cloud.it.support.SshIdentity;
import dev.spoq.cloud.it.support.TestAccount;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The dashboard's "Open terminal", in headless Chromium at desktop and phone size, into a real computer through the
 * real SSH gateway (started on the port the IT server's web terminal was given): "Starting…" while the computer comes
 * up, then a shell as the profile that computes {@code echo $((6*7))}, follows the window's size ({@code stty size}),
 * takes pasted text and the extra keys (Tab completion, Ctrl-C); a suspended subscription cuts the open terminal and the
 * page then shows the renew message. A second account's session gets nothing: not by the page's address, not by a raw
 * WebSocket with its cookie, and no page of another site can open one (Origin).
 */
@ExtendWith(ComputerCleanup.class)
class WebTerminalIT {

    @RegisterExtension
    static final GatewayProcess gateway = GatewayProcess.forWebTerminal();

    private static final Duration SHELL = Duration.ofSeconds(20);
    private static final Pattern STTY = Pattern.compile("^(\\d+) (\\d+)$");

    /** On a loaded machine the application may still be starting when the server reports itself up. */
    @BeforeAll
    static void theApplicationIsUp() {
        ApiClient api = new ApiClient();
        org.awaitility.Awaitility.await("the application's readiness").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(2))
                .ignoreExceptions().until(() -> api.get("/health/ready", null).status() == 200);
    }

    @Test
    void aTerminalInTheBrowserAtDesktopAndPhoneSize() throws Exception {
        ApiClient api = new ApiClient();
        Inbox.ensureStarted(); // the suspension at the end sends its email
        TestAccount alice = TestAccount.register(api);
        try (Browser desktop = Browser.open(Browser.DESKTOP, "desktop-terminal");
             Browser phone = Browser.open(Browser.PHONE, "phone-terminal")) {
            new Pages(desktop).logIn(alice.email(), alice.password());
            // the computer is claimed only now, so that the terminal page meets it starting
            alice.claimSubdomain();
            alice.createProfile();
            // a device finishes the setup: the phone's login below lands on the dashboard, not the wizard
            alice.addDevice(alice.profileId(), SshIdentity.generate().key());
            desktop.go("/terminal?profile=" + alice.profileId());
            desktop.awaitText("#terminal-starting", "Starting…");
            look(desktop, "01-starting");
            // the page reloads itself until the computer takes logins
            desktop.await(GatewayProcess.COMPUTER_START, "the terminal", d -> !d.findElements(By.id("terminal")).isEmpty());
            awaitConnected(desktop);

            run(desktop, "echo $((6*7))");
            awaitLine(desktop, "42");
            assertEquals(alice.username(), awaitOutput(desktop, "whoami"), "the shell runs as the profile");
            look(desktop, "02-echo-42");

            // the window decides the terminal's size, and the shell hears of it
            int[] before = sttySize(desktop);
            assertEquals(List.of(size(desktop)[1], size(desktop)[0]), List.of(before[0], before[1]), "stty size is the terminal's rows and columns");
            desktop.driver.manage().window().setSize(new Dimension(960, 700));
            desktop.await(Duration.ofSeconds(10), "the terminal to follow the window",
                    d -> size(desktop)[0] != before[1] && size(desktop)[1] != before[0]);
            int[] after = sttySize(desktop);
            assertNotEquals(before[1], after[1], "columns changed");
            assertNotEquals(before[0], after[0], "rows changed");
            assertEquals(List.of(size(desktop)[1], size(desktop)[0]), List.of(after[0], after[1]), "stty size follows the window");
            look(desktop, "03-resized");

            // paste (the browser's paste event, as Ctrl+V or a long press gives it) reaches the shell
            desktop.js("""
                    const data = new DataTransfer();
                    data.setData('text/plain', 'echo pasted-$((2+3))');
                    document.querySelector('#terminal .xterm-helper-textarea')
                        .dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
                    """);
            keys(desktop, Keys.ENTER);
            awaitLine(desktop, "pasted-5");

            // on a phone: the terminal fits the screen, and the extra keys stand in for the ones a phone lacks
            new Pages(phone).logIn(alice.email(), alice.password());
            phone.awaitPath("/dashboard");
            phone.click("#open-terminal-" + alice.username());
            phone.awaitPath("/terminal");
            awaitConnected(phone);
            assertTrue(phone.find("#extra-keys").isDisplayed(), "the extra keys are shown on a phone");
            run(phone, "echo $((6*7))");
            awaitLine(phone, "42");
            int[] portrait = sttySize(phone);
            assertTrue(portrait[1] >= 30 && portrait[1] <= 60, "a phone-wide terminal: " + portrait[1] + " columns");
            // Tab from the row completes a command name: "ech" + Tab + " tab-$((1+1))"
            keys(phone, "ech");
            extraKey(phone, "tab");
            keys(phone, " tab-$((1+1))", Keys.ENTER);
            awaitLine(phone, "tab-2");
            // Ctrl from the row, then c: interrupts a long sleep, and the shell answers again at once
            keys(phone, "sleep 300", Keys.ENTER);
            Thread.sleep(500);
            extraKey(phone, "ctrl");
            assertEquals("true", phone.find("#extra-keys [data-key=ctrl]").getAttribute("aria-pressed"), "Ctrl is armed");
            keys(phone, "c");
            assertEquals("false", phone.find("#extra-keys [data-key=ctrl]").getAttribute("aria-pressed"), "Ctrl applies to one key");
            phone.await(SHELL, "^C", d -> lines(phone).stream().anyMatch(l -> l.startsWith("^C")));
            run(phone, "echo after-$((3*3))");
            phone.await(Duration.ofSeconds(5), "the shell back after Ctrl-C", d -> lines(phone).contains("after-9"));
            // Esc reaches the shell as ESC (27); Up brings back the last command
            run(phone, "read -rsn1 k; printf 'key-%d\\n' \"'$k\"");
            Thread.sleep(300);
            extraKey(phone, "esc");
            awaitLine(phone, "key-27");
            run(phone, "echo after-$((3*3))");
            extraKey(phone, "up");
            keys(phone, Keys.ENTER);
            phone.await(SHELL, "Up to repeat the last command", d -> lines(phone).stream().filter("after-9"::equals).count() >= 3);
            look(phone, "01-extra-keys");
            // turned sideways: more columns, fewer rows
            ((ChromeDriver) phone.driver).executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                    "width", 844, "height", 390, "deviceScaleFactor", 2, "mobile", true));
            phone.await(Duration.ofSeconds(10), "the terminal to follow the rotation", d -> size(phone)[0] > portrait[1]);
            int[] landscape = sttySize(phone);
            assertTrue(landscape[1] > portrait[1] && landscape[0] < portrait[0], "landscape " + landscape[0] + "x" + landscape[1]);
            phone.screenshot("02-landscape");

            // a raw WebSocket with the owner's own cookie and our Origin works too (so the refusals below mean something)
            RawSocket own = RawSocket.open(desktop.cookie("JSESSIONID"), desktop.baseUrl, alice.profileId()).join();
            own.type("echo raw-$((40+2))\r");
            own.awaitOutput("raw-42", SHELL);
            own.close();
            org.awaitility.Awaitility.await("the raw terminal's opening and closing in the audit log").atMost(Duration.ofSeconds(10))
                    .until(() -> auditActions(alice.userId()), audited -> audited.contains("terminal.opened") && audited.contains("terminal.closed"));

            // the subscription ends: the gateway's re-check cuts the open terminals, and the page says how to renew
            moveTrialEnd(api, alice.userId(), Instant.now().minusSeconds(60));
            desktop.await(Duration.ofSeconds(30), "the terminal cut by the suspension",
                    d -> "closed".equals(d.findElement(By.id("terminal-status")).getAttribute("data-state")));
            String cut = String.join("\n", lines(desktop));
            assertTrue(cut.contains("suspended"), cut);
            look(desktop, "04-cut-when-suspended");
            desktop.go("/terminal?profile=" + alice.profileId());
            String refused = desktop.text("#terminal-refused");
            assertTrue(refused.contains("suspended") && refused.contains("Renew the subscription on"), refused);
            assertFalse(desktop.present("#terminal"), "no terminal for a suspended computer");
            look(desktop, "05-suspended-renew");
            phone.go("/terminal?profile=" + alice.profileId());
            assertTrue(phone.text("#terminal-refused").contains("Renew the subscription on"));
            look(phone, "03-suspended-renew");
        }
    }

    @Test
    void aSecondAccountCannotOpenTheFirstsTerminal() throws Exception {
        ApiClient api = new ApiClient();
        TestAccount alice = TestAccount.withProfile(api);
        TestAccount bob = TestAccount.withProfile(api);
        try (Browser alices = Browser.open(Browser.DESKTOP, "desktop-terminal-owner");
             Browser bobs = Browser.open(Browser.PHONE, "phone-terminal-second-user")) {
            new Pages(alices).logIn(alice.email(), alice.password());
            new Pages(bobs).logIn(bob.email(), bob.password());

            // the page, by the first user's profile id: not found, as for a profile that does not exist
            bobs.go("/terminal?profile=" + alice.profileId());
            assertEquals("No such profile on your account.", bobs.text("#terminal-not-found"));
            assertFalse(bobs.present("#terminal"), "no terminal on the page");
            String page = bobs.find("body").getText();
            assertFalse(page.contains(alice.username()) || page.contains(alice.subdomain()), page);
            look(bobs, "01-forged-url");

            String bobsCookie = bobs.cookie("JSESSIONID");
            String base = bobs.baseUrl;
            // a raw WebSocket with the second user's cookie, our Origin, the first user's profile: refused before the upgrade
            assertRefused(RawSocket.open(bobsCookie, base, alice.profileId()), 404, "the second user's session, the first's profile");
            // ... and with no session, and with a made-up profile id
            assertRefused(RawSocket.open(null, base, alice.profileId()), 403, "no session");
            assertRefused(RawSocket.open(bobsCookie, base, "00000000-0000-4000-8000-000000000000"), 404, "an unknown profile");
            // cross-site WebSocket hijacking: another site's page, the owner's own cookie
            String alicesCookie = alices.cookie("JSESSIONID");
            assertRefused(RawSocket.open(alicesCookie, base, alice.profileId(), "http://evil.example"), 403, "a foreign Origin");
            assertRefused(RawSocket.open(alicesCookie, base, alice.profileId(), null), 403, "no Origin");
            assertRefused(RawSocket.open(alicesCookie, base, alice.profileId(), base.replace("127.0.0.1", "localhost")), 403,
                    "another host name's Origin");
            // every refusal of a logged-in session is in its account's audit log
            List<String> bobsAudit = auditActions(bob.userId());
            assertTrue(bobsAudit.stream().filter("terminal.refused"::equals).count() >= 3, bobsAudit.toString());
            List<String> alicesAudit = auditActions(alice.userId());
            assertTrue(alicesAudit.contains("terminal.refused"), "the foreign Origins with the first user's cookie: " + alicesAudit);
            assertFalse(alicesAudit.contains("terminal.opened"), "the first user's terminal never opened: " + alicesAudit);
        }
    }

    // --- the terminal as a user sees it -------------------------------------------------------------------------------

    private static void awaitConnected(Browser browser) {
        browser.await(SHELL, "the terminal to connect",
                d -> "open".equals(d.findElement(By.id("terminal-status")).getAttribute("data-state")));
        // the prompt: the shell is ready to read
        browser.await(SHELL, "a shell prompt", d -> lines(browser).stream().anyMatch(l -> l.endsWith("$")));
    }

    /** The terminal's rows as text (xterm's DOM renderer: one div a row). */
    @SuppressWarnings("unchecked")
    private static List<String> lines(Browser browser) {
        return (List<String>) browser.js("""
                return [...document.querySelectorAll('#terminal .xterm-rows > div')]
                    .map(row => row.textContent.replace(/\\u00a0/g, ' ').trimEnd());
                """);
    }

    private static void keys(Browser browser, CharSequence... keys) {
        browser.find("#terminal .xterm-helper-textarea").sendKeys(keys);
    }

    private static void run(Browser browser, String command) {
        keys(browser, command, Keys.ENTER);
    }

    private static void extraKey(Browser browser, String key) {
        browser.find("#extra-keys [data-key=" + key + "]").click();
    }

    private static void awaitLine(Browser browser, String line) {
        browser.await(SHELL, "a line '" + line + "'", d -> lines(browser).contains(line));
    }

    private static int commands;

    /**
     * Runs a command whose output is one line on a cleared screen, after a numbered mark the shell computes (so an old
     * screen is never taken for the answer), and answers that line.
     */
    private static String awaitOutput(Browser browser, String command) {
        int n = ++commands;
        run(browser, "clear; echo mark-$((" + n + "*1)); " + command);
        return browser.await(SHELL, "the output of " + command, d -> {
            List<String> rows = lines(browser);
            return rows.size() > 2 && rows.get(0).equals("mark-" + n) && !rows.get(1).isBlank() && rows.get(2).endsWith("$")
                    ? rows.get(1) : null;
        });
    }

    /** {@code stty size}: rows and columns as the shell sees them. */
    private static int[] sttySize(Browser browser) {
        String line = awaitOutput(browser, "stty size");
        Matcher m = STTY.matcher(line);
        assertTrue(m.matches(), "stty size printed " + line);
        return new int[]{Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    /** The terminal's columns and rows as xterm.js has them now. */
    private static int[] size(Browser browser) {
        String columns = browser.find("#terminal").getAttribute("data-columns");
        String rows = browser.find("#terminal").getAttribute("data-rows");
        return new int[]{Integer.parseInt(columns), Integer.parseInt(rows)};
    }

    private static void look(Browser browser, String shot) {
        browser.assertNoHorizontalScroll(shot);
        browser.assertControlsReachable(shot);
        browser.assertAllAssetsFromTheApplication(shot);
        browser.screenshot(shot);
    }

    /** The account's audit rows (audit_events), oldest first, read from the IT server's database. */
    static List<String> auditActions(String userId) throws java.sql.SQLException {
        String url = "jdbc:postgresql://127.0.0.1:" + System.getProperty("spoq.it.db.port", "15433") + "/postgres";
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(url, "postgres", "");
             java.sql.PreparedStatement query = db.prepareStatement(
                     "SELECT action FROM audit_events WHERE user_id = CAST(? AS uuid) ORDER BY id")) {
            query.setString(1, userId);
            List<String> actions = new java.util.ArrayList<>();
            try (java.sql.ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    actions.add(rows.getString(1));
                }
            }
            return actions;
        }
    }

    private static void moveTrialEnd(ApiClient api, String userId, Instant end) {
        api.send("PUT", "/internal/billing/accounts/" + userId + "/trial-end",
                Map.of("Authorization", "Bearer " + OpsClient.internalToken(), "Content-Type", ApiClient.JSON),
                Json.write(Json.object("trial_ends_at", end.toString()))).expect(200);
    }

    private static void assertRefused(CompletableFuture<RawSocket> attempt, int status, String what) throws InterruptedException {
        try {
            RawSocket socket = attempt.get(15, TimeUnit.SECONDS);
            socket.close();
            fail(what + ": the WebSocket opened");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
            if (!(cause instanceof WebSocketHandshakeException refused)) {
                throw new AssertionError(what + ": " + cause, cause);
            }
            assertEquals(status, refused.getResponse().statusCode(), what);
        } catch (java.util.concurrent.TimeoutException e) {
            fail(what + ": no answer to the handshake");
        }
    }

    /** A WebSocket as a script (or a page of another site) would open it: with a cookie and an Origin of its choosing. */
    private static final class RawSocket implements WebSocket.Listener {
        private final StringBuffer output = new StringBuffer();
        private WebSocket socket;

        static CompletableFuture<RawSocket> open(String cookie, String base, String profileId) {
            return open(cookie, base, profileId, base);
        }

        static CompletableFuture<RawSocket> open(String cookie, String base, String profileId, String origin) {
            RawSocket listener = new RawSocket();
            WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
            if (cookie != null) {
                builder.header("Cookie", "JSESSIONID=" + cookie);
            }
            if (origin != null) {
                builder.header("Origin", origin);
            }
            URI uri = URI.create(base.replaceFirst("^http", "ws") + "/terminal/socket?profile=" + profileId + "&columns=80&rows=24");
            return builder.buildAsync(uri, listener).thenApply(ws -> {
                listener.socket = ws;
                return listener;
            });
        }

        void type(String text) {
            socket.sendText(Json.write(Json.object("type", "input", "data", text)), true).join();
        }

        void awaitOutput(String words, Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < end) {
                if (output.toString().contains(words)) {
                    return;
                }
                Thread.sleep(100);
            }
            fail("no '" + words + "' in the raw terminal's output: " + output);
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            output.append(new String(bytes, StandardCharsets.UTF_8));
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            output.append(data);
            webSocket.request(1);
            return null;
        }
    }
}
