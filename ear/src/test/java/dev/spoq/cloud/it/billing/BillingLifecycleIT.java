package dev.spoq.cloud.it.billing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoq.cloud.it.gateway.GatewayProcess;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.Docker;
import dev.spoq.cloud.it.support.Inbox;
import dev.spoq.cloud.it.support.OpenSsh;
import dev.spoq.cloud.it.support.Proc;
import dev.spoq.cloud.it.support.StripeEvents;
import dev.spoq.cloud.it.support.StripeStandIn;
import dev.spoq.cloud.it.support.Subscriber;
import dev.spoq.cloud.it.support.Unique;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The computer follows the money, on one real computer through the real SSH gateway: a trial subscribes through
 * Checkout and becomes active; a failed payment keeps it running with a notice and one email, a paid invoice
 * clears it; a deleted subscription stops the computer within seconds (an open session is cut, the login gets
 * the renew banner, the files stay on the volume); a new checkout starts the same computer with the same files. In order.
 */
@ExtendWith(ComputerCleanup.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BillingLifecycleIT {

    private static final ApiClient api = new ApiClient();
    private static final String RENEW_PAGE = System.getProperty("spoq.it.base-url", "http://127.0.0.1:19080") + "/dashboard";

    @RegisterExtension
    static final GatewayProcess gateway = new GatewayProcess();
    private static final OpenSsh ssh = gateway.client();
    private static Subscriber subscriber;
    private static Billed billed;
    private static final String KEPT = "kept-" + Unique.alnum(12);
    private static final List<Process> opened = new ArrayList<>();

    @BeforeAll
    static void aSubscriberWithARunningComputer() {
        Inbox.ensureStarted();
        StripeStandIn.ensureStarted();
        subscriber = Subscriber.claim(api, "bl").awaitRunning(GatewayProcess.COMPUTER_START);
        billed = new Billed(api, subscriber.account());
        // the device's first login pairs its key (the code the device was added with); later logins are plain
        Proc.Result paired = await("the device's first login").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> subscriber.firstLogin(ssh, "true", OpenSsh.DEFAULT_TIMEOUT), Proc.Result::ok);
        assertEquals(0, paired.exitCode(), paired::toString);
    }

    private Proc.Result login(String command) {
        return ssh.ssh(subscriber.identity(), subscriber.username(), List.of(), command, Proc.Input.NONE, Map.of(), Duration.ofSeconds(60));
    }

    @Test
    @Order(1)
    void aTrialSubscribesThroughCheckoutAndBecomesActive() {
        JsonNode trial = billed.billing();
        assertEquals("trial", trial.path("status").asText(), trial::toString);
        assertEquals("trial", trial.path("plan").asText(), trial::toString);
        Instant trialEnd = Instant.parse(trial.path("trial_ends_at").asText());
        Duration left = Duration.between(Instant.now(), trialEnd);
        assertTrue(left.compareTo(Duration.ofDays(7).minusMinutes(10)) > 0 && left.compareTo(Duration.ofDays(7)) <= 0,
                () -> "a 7-day trial from the account's creation: " + trial);

        billed.startCheckout();
        String customer = billed.customer();
        assertTrue(customer != null && customer.startsWith("cus_"), "a Stripe customer was made for the user");
        assertEquals(subscriber.account().email(), StripeStandIn.customer(customer).path("email").asText());
        assertEquals(1, StripeStandIn.requests("POST", "/v1/customers", Map.of("metadata[user_id]", subscriber.userId())).size(),
                "one customer, with the user id in its metadata");
        billed.assertCheckoutAsked(customer);

        billed.pay();
        JsonNode active = billed.awaitStatus("active");

        assertEquals("monthly", active.path("plan").asText(), active::toString);
        assertEquals(billed.periodEnd(), Instant.parse(active.path("current_period_end").asText()), active::toString);
        assertFalse(active.path("cancel_at_period_end").asBoolean(), active::toString);
        assertEquals("active", subscriber.status().path("subscription_status").asText());
        Proc.Result in = login("hostname");
        assertEquals(0, in.exitCode(), in::toString);
        assertFalse(in.stderr().contains("payment"), () -> "no notice while active: " + in);
        assertTrue(billed.audit().stream().anyMatch(row -> row.startsWith("billing.status.changed: trial -> active (monthly)")),
                () -> "the audit log: " + billed.audit());
    }

    @Test
    @Order(2)
    void aFailedPaymentKeepsTheComputerRunningWithANoticeAndOneEmailUntilPaid() throws InterruptedException {
        StripeStandIn.setStatus(billed.subscriptionId, "past_due");
        billed.deliverOk(StripeEvents.invoice("invoice.payment_failed", StripeStandIn.snapshot(billed.subscriptionId)));

        JsonNode pastDue = billed.awaitStatus("past_due");
        Instant graceEnds = Instant.parse(pastDue.path("grace_ends_at").asText());
        assertTrue(Duration.between(Instant.now(), graceEnds).compareTo(Duration.ofDays(6)) > 0, pastDue::toString);
        String email = subscriber.account().email();
        await("the payment-failed email").atMost(Duration.ofSeconds(15)).until(() -> Inbox.to(email, "payment failed").size() == 1);
        Thread.sleep(3_000); // a second email would have come by now
        List<Inbox.Mail> mails = Inbox.to(email, "payment failed");
        assertEquals(1, mails.size(), () -> "one email: " + mails);
        assertTrue(mails.get(0).text().contains(RENEW_PAGE), () -> "the email links to the page: " + mails.get(0));

        Proc.Result in = login("hostname");
        assertEquals(0, in.exitCode(), () -> "a past-due account still logs in: " + in);
        assertEquals(subscriber.subdomain(), in.stdout().strip(), in::toString);
        List<String> notice = in.stderr().lines().filter(line -> line.contains("last payment")).toList();
        assertEquals(1, notice.size(), () -> "one line of notice: " + in);
        assertTrue(notice.get(0).contains("Update your card on " + RENEW_PAGE), in::toString);
        assertEquals("running", subscriber.containerStatus());

        StripeStandIn.setStatus(billed.subscriptionId, "active");
        billed.deliverOk(StripeEvents.invoice("invoice.paid", StripeStandIn.snapshot(billed.subscriptionId)));
        billed.awaitStatus("active");
        // the notice goes once the gateway's cached route (at most 3 s) has expired
        Proc.Result clear = await("a login without the notice").atMost(Duration.ofSeconds(15))
                .until(() -> login("true"), attempt -> attempt.ok() && !attempt.stderr().contains("last payment"));
        assertEquals(0, clear.exitCode(), clear::toString);
    }

    @Test
    @Order(3)
    void aDeletedSubscriptionStopsTheComputerCutsItsSessionsKeepsItsFilesAndTheLoginNamesTheRenewPage()
            throws IOException, InterruptedException {
        Proc.Result written = login("echo " + KEPT + " > ~/kept.txt");
        assertEquals(0, written.exitCode(), written::toString);

        Path openOutput = Files.createTempFile("billing-open-session", ".out");
        Process open = openSession(openOutput);

        StripeStandIn.setStatus(billed.subscriptionId, "canceled");
        long deleted = System.nanoTime();
        billed.deliverOk(StripeEvents.event("customer.subscription.deleted", StripeStandIn.snapshot(billed.subscriptionId)));

        billed.awaitStatus("suspended");
        // the gateway re-checks its sessions every 2 s; the computer stopping would close it too, either is a cut
        assertTrue(open.waitFor(15, TimeUnit.SECONDS), () -> "the open session is cut: " + read(openOutput));
        assertEquals(255, open.exitValue(), () -> read(openOutput));
        System.out.printf("[BillingLifecycleIT] open session cut %.1f s after customer.subscription.deleted%n",
                (System.nanoTime() - deleted) / 1e9);
        await("the computer suspended").atMost(Duration.ofSeconds(15)).until(subscriber::containerStatus, "suspended"::equals);
        await("no running task of " + subscriber.service()).atMost(Duration.ofSeconds(30))
                .until(() -> Docker.runningContainerOf(subscriber.service()).isEmpty());
        System.out.printf("[BillingLifecycleIT] stopped %.1f s after customer.subscription.deleted%n", (System.nanoTime() - deleted) / 1e9);
        assertEquals(0, Docker.desiredReplicas(subscriber.service()));

        // the gateway may still hold the route it cached (at most 3 s) before the suspension
        Proc.Result refused = await("the renew banner").atMost(Duration.ofSeconds(15)).until(() -> {
            Proc.Result attempt = login("hostname");
            assertFalse(attempt.timedOut(), () -> "no hang: " + attempt);
            return attempt;
        }, attempt -> attempt.stderr().contains("Your Spoq computer is suspended"));
        assertNotEquals(0, refused.exitCode(), refused::toString);
        assertTrue(refused.stdout().isBlank(), refused::toString);
        assertTrue(refused.stderr().contains("Your Spoq computer is suspended"), refused::toString);
        assertTrue(refused.stderr().contains("Renew the subscription on " + RENEW_PAGE), () -> "the banner names the page: " + refused);
        assertTrue(refused.millis() < 15_000, refused::toString);

        assertTrue(Docker.volumeExists(subscriber.volume()), "the home volume is kept");
        assertEquals(KEPT, readFromVolume("kept.txt"), "the file is still on the volume");
        JsonNode suspended = billed.billing();
        Instant deletion = Instant.parse(suspended.path("deletion_at").asText());
        assertTrue(Duration.between(Instant.now(), deletion).compareTo(Duration.ofDays(29)) > 0, suspended::toString);
        await("the suspended email").atMost(Duration.ofSeconds(15))
                .until(() -> Inbox.to(subscriber.account().email(), "suspended").size() == 1);
    }

    @Test
    @Order(4)
    void aNewCheckoutStartsTheSameComputerWithTheSameFiles() {
        billed.startCheckout();
        billed.pay();

        billed.awaitStatus("active");
        subscriber.awaitRunning(GatewayProcess.COMPUTER_START);
        Proc.Result back = await("a login after renewing").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> login("cat ~/kept.txt; hostname"), Proc.Result::ok);
        assertEquals(KEPT + "\n" + subscriber.subdomain(), back.stdout().strip(), back::toString);

        List<String> audit = billed.audit();
        for (String change : List.of("trial -> active", "active -> past_due", "past_due -> active", "active -> suspended",
                "suspended -> active")) {
            assertTrue(audit.stream().anyMatch(row -> row.startsWith("billing.status.changed: " + change)),
                    () -> change + " in the audit log: " + audit);
        }
        JsonNode operator = billed.operatorView().path("account");
        assertEquals("active", operator.path("billing").path("status").asText(), operator::toString);
        assertEquals("monthly", operator.path("billing").path("plan").asText(), operator::toString);
        assertEquals(billed.customer(), operator.path("stripe_customer_id").asText(), operator::toString);
        JsonNode all = api.get("/internal/billing/accounts", dev.spoq.cloud.it.support.OpsClient.internalToken()).expect(200);
        boolean listed = false;
        for (JsonNode row : all) {
            listed |= row.path("user_id").asText().equals(subscriber.userId()) && "active".equals(row.path("billing").path("status").asText());
        }
        assertTrue(listed, "the operator's list shows the account's plan and status");
    }

    /** {@code ssh ... 'echo started; sleep 60'} in the background, once it has printed "started". */
    private static Process openSession(Path output) throws IOException {
        Process process = new ProcessBuilder(ssh.sshCommand(subscriber.identity(), subscriber.username(), List.of(), "echo started; sleep 60"))
                .redirectErrorStream(true).redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        opened.add(process);
        await("the open session started").atMost(Duration.ofSeconds(30))
                .until(() -> read(output).contains("started") || !process.isAlive());
        assertTrue(process.isAlive(), () -> "the session: " + read(output));
        return process;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopClients() {
        opened.forEach(Process::destroyForcibly);
    }

    /** Reads a file of the profile's home straight from the volume, while no container runs. */
    private static String readFromVolume(String file) {
        String image = System.getProperty("spoq.it.container.image", "127.0.0.1:5000/spoq/user:latest");
        return Docker.ok("run", "--rm", "--network", "none", "-v", subscriber.volume() + ":/v:ro", "--entrypoint", "cat",
                image, "/v/" + subscriber.username() + "/" + file).strip();
    }
}
