package dev.spoq.cloud.it.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.Docker;
import dev.spoq.cloud.it.support.Inbox;
import dev.spoq.cloud.it.support.Json;
import dev.spoq.cloud.it.support.StripeEvents;
import dev.spoq.cloud.it.support.StripeStandIn;
import dev.spoq.cloud.it.support.TestAccount;
import dev.spoq.cloud.it.support.Subscriber;
import dev.spoq.cloud.it.support.Unique;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The alert path end to end, with real parts: Prometheus (deploy/'s rules, every {@code for:} shortened to 3 s)
 * scrapes the IT server's operator endpoint; Alertmanager (deploy/'s config) mails the operator through the test's
 * SMTP server (GreenMail, {@link Inbox}). A computer is frozen behind the platform's back ({@code docker pause}:
 * Swarm still reports its task running, so the reconciler repairs nothing, but nothing in it answers); the
 * control plane's sampler reports it down, ContainerDown fires and the operator's mail arrives; unfrozen, the
 * alert resolves and a second mail says so. A payment that fails (the Stripe stand-in's invoice.payment_failed) mails
 * PaymentFailed.
 */
@ExtendWith(ComputerCleanup.class)
class AlertsIT {

    private static final String OPERATOR = "ops-" + Unique.letters(8).toLowerCase() + "@spoq.test";
    private static MonitoringStack stack;
    private static Subscriber subscriber;
    /** The computer's container while frozen (docker ps no longer lists it as running). */
    private static String frozen;

    @BeforeAll
    static void startPrometheusAndAlertmanager() throws IOException {
        ItReady.awaitApplication();
        Inbox.ensureStarted();
        URI operatorEndpoint = URI.create(System.getProperty("spoq.it.operator-url", "http://127.0.0.1:19081"));
        stack = new MonitoringStack(operatorEndpoint.getHost() + ":" + operatorEndpoint.getPort(), "3s",
                "127.0.0.1:" + System.getProperty("spoq.it.smtp.port", "13025"), OPERATOR);
        subscriber = Subscriber.claim(new ApiClient(), "alrt").awaitRunning(Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() {
        if (frozen != null) {
            Docker.run("unpause", frozen);
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aComputerFrozenBehindThePlatformsBackAlertsTheOperatorAndResolvesWhenItRunsAgain() {
        String sub = subscriber.subdomain();
        await("Prometheus scrapes the operator endpoint; log:\n" + stack.logTail("prometheus")).atMost(Duration.ofSeconds(30))
                .ignoreExceptions().until(stack::scrapeUp);
        await("container_up{subdomain=" + sub + "} == 1 in Prometheus").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> stack.query("container_up{subdomain=\"" + sub + "\"} == 1").size() == 1);
        assertTrue(Inbox.to(OPERATOR).isEmpty(), "no alert while it runs: " + Inbox.to(OPERATOR));

        String container = subscriber.dockerContainer();
        frozen = container;
        Docker.ok("pause", container);
        long frozenAt = System.nanoTime();

        Inbox.Mail firing = await("the ContainerDown mail for " + sub + "; Prometheus alerts: " + stack.prometheusAlerts()
                + "; Alertmanager log:\n" + stack.logTail("alertmanager")).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> Inbox.to(OPERATOR, "[Spoq FIRING] ContainerDown " + sub), mails -> !mails.isEmpty()).get(0);
        System.out.printf("[AlertsIT] mail %.1f s after the freeze: %s%n", (System.nanoTime() - frozenAt) / 1e9, firing.subject());
        // quoted-printable may wrap long lines with soft breaks
        String text = firing.text().replace("=\r\n", "").replace("=\n", "");
        assertTrue(text.contains("FIRING: Computer " + sub + " has been down for 5 minutes"), text);
        assertEquals("running", subscriber.containerStatus(), "the platform itself still believes the computer runs");
        JsonNode alert = StreamSupport.stream(stack.alertmanagerAlerts().spliterator(), false)
                .filter(a -> sub.equals(a.path("labels").path("subdomain").asText())).findFirst().orElseThrow();
        assertEquals("ContainerDown", alert.path("labels").path("alertname").asText());
        assertEquals("page", alert.path("labels").path("severity").asText());

        Docker.ok("unpause", container);
        frozen = null;
        await("the RESOLVED mail for " + sub).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> Inbox.to(OPERATOR, "[Spoq RESOLVED] ContainerDown " + sub), mails -> !mails.isEmpty());
        List<String> subjects = Inbox.to(OPERATOR).stream().map(Inbox.Mail::subject).filter(s -> s.contains("ContainerDown")).toList();
        System.out.println("[AlertsIT] the operator's ContainerDown mails: " + subjects);
        assertTrue(subjects.stream().allMatch(s -> s.contains(sub)), "only this computer was down: " + subjects);
    }

    @Test
    void aFailedPaymentAlertsTheOperator() {
        StripeStandIn.ensureStarted();
        ApiClient api = new ApiClient();
        TestAccount account = TestAccount.register(api);
        StripeEvents webhooks = new StripeEvents(api);
        String url = api.post("/api/billing/checkout", account.token(), Json.object("plan", "monthly")).expect(200).path("url").asText();
        ObjectNode session = StripeStandIn.sessionOfUrl(url);
        String subscription = StripeStandIn.completeCheckout(session).path("id").asText();
        webhooks.deliver(StripeEvents.checkoutCompleted(session)).expect(200);
        webhooks.deliver(StripeEvents.event("customer.subscription.created", StripeStandIn.snapshot(subscription))).expect(200);
        awaitBilling(api, account, "active");
        assertTrue(Inbox.to(OPERATOR, "PaymentFailed").isEmpty(), "nothing failed yet");

        StripeStandIn.setStatus(subscription, "past_due");
        webhooks.deliver(StripeEvents.invoice("invoice.payment_failed", StripeStandIn.snapshot(subscription))).expect(200);
        awaitBilling(api, account, "past_due");

        Inbox.Mail mail = await("the PaymentFailed mail; Prometheus alerts: " + stack.prometheusAlerts()).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500)).until(() -> Inbox.to(OPERATOR, "[Spoq FIRING] PaymentFailed"), m -> !m.isEmpty()).get(0);
        String text = mail.text().replace("=\r\n", "").replace("=\n", "");
        assertTrue(text.contains("payment(s) failed in the last hour"), text);
        System.out.println("[AlertsIT] " + mail.subject() + ": " + text.lines().findFirst().orElse(""));
    }

    private static void awaitBilling(ApiClient api, TestAccount account, String status) {
        await("billing status " + status).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> api.get("/api/billing", account.token()).expect(200).path("status").asText(), status::equals);
    }
}
