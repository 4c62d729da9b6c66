package dev.spoq.cloud.sshroute;

import dev.spoq.cloud.account.SubscriptionStatus;
import dev.spoq.cloud.provisioning.ContainerStatus;
import dev.spoq.cloud.sshroute.SshRoute.Ready;
import dev.spoq.cloud.sshroute.SshRoute.Refused;
import dev.spoq.cloud.sshroute.SshRoute.Starting;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static dev.spoq.cloud.account.SubscriptionStatus.ACTIVE;
import static dev.spoq.cloud.account.SubscriptionStatus.CANCELED;
import static dev.spoq.cloud.account.SubscriptionStatus.PAST_DUE;
import static dev.spoq.cloud.account.SubscriptionStatus.SUSPENDED;
import static dev.spoq.cloud.account.SubscriptionStatus.TRIAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the gateway is told to do, for each state of the computer and the subscription. */
class SshLoginTest {
    private static final String RENEW_PAGE = "https://spoq.test/dashboard";
    private static final UUID DEVICE = UUID.randomUUID();
    private static final SshLogin.Sshd SSHD = new SshLogin.Sshd("127.0.0.5", 20001, List.of("ssh-ed25519 AAAA"));

    @Test
    void aPublishedRunningComputerIsReadyWithItsAddressAndHostKeys() {
        Ready ready = assertInstanceOf(Ready.class, decide(ContainerStatus.RUNNING, ACTIVE, true));
        assertEquals(new Ready(DEVICE, "alice", "127.0.0.5", 20001, "alice", List.of("ssh-ed25519 AAAA"), null), ready);
        assertNull(decide(ContainerStatus.RUNNING, TRIAL, true).message(), "nothing to say");
    }

    @Test
    void aComputerComingUpIsStarting() {
        assertStarting(decide(ContainerStatus.RUNNING, ACTIVE, false)); // running but not yet published
        assertStarting(decide(ContainerStatus.PENDING, TRIAL, false));
        assertStarting(decide(ContainerStatus.PROVISIONING, TRIAL, false));
    }

    @Test
    void aFailedComputerIsRefusedWithTheReasonOnOneLine() {
        Refused refused = assertInstanceOf(Refused.class, login(ContainerStatus.FAILED, ACTIVE, "image pull failed:\nno space left on node",
                false).decide());
        assertTrue(refused.message().startsWith("Your Spoq computer could not be started: image pull failed: no space left on node.\n"),
                refused.message());
        assertTrue(decide(ContainerStatus.FAILED, ACTIVE, false).message().contains("could not be started: no reason was given."));
    }

    @Test
    void theSubscriptionDecidesBeforeTheComputer() {
        assertRefused(decide(ContainerStatus.RUNNING, SUSPENDED, true), "Your Spoq computer is suspended because the subscription is not active");
        assertRefused(decide(ContainerStatus.RUNNING, CANCELED, true), "Your Spoq computer is suspended because the subscription was canceled");
        assertRefused(decide(ContainerStatus.SUSPENDED, ACTIVE, false), "Your Spoq computer is suspended");
    }

    @Test
    void aSleepingComputerWakesWithOneLineWhileABillingSuspensionDoesNot() {
        Starting waking = assertInstanceOf(Starting.class, decide(ContainerStatus.SLEEPING, ACTIVE, false));
        assertEquals(new Starting(DEVICE, "alice", "Waking up your computer..."), waking);
        assertTrue(login(ContainerStatus.SLEEPING, TRIAL, null, false).wakesComputer());
        assertTrue(login(ContainerStatus.SLEEPING, PAST_DUE, null, false).wakesComputer(), "past due still runs, with its notice");
        // the subscription ended: the renew banner, and the computer stays asleep
        for (SubscriptionStatus ended : new SubscriptionStatus[] {SUSPENDED, CANCELED}) {
            assertRefused(decide(ContainerStatus.SLEEPING, ended, false), "Your Spoq computer is suspended because the subscription");
            assertFalse(login(ContainerStatus.SLEEPING, ended, null, false).wakesComputer());
        }
        assertFalse(login(ContainerStatus.SUSPENDED, ACTIVE, null, false).wakesComputer(), "a suspension is not sleep");
        assertFalse(login(ContainerStatus.RUNNING, ACTIVE, null, true).wakesComputer());
    }

    @Test
    void aFailedPaymentStillWorksWithANotice() {
        Ready ready = assertInstanceOf(Ready.class, decide(ContainerStatus.RUNNING, PAST_DUE, true));
        assertTrue(ready.message().startsWith("Notice: the last payment for your Spoq subscription failed."), ready.message());
        Starting starting = assertInstanceOf(Starting.class, decide(ContainerStatus.PROVISIONING, PAST_DUE, false));
        assertTrue(starting.message().startsWith("Notice: the last payment") && starting.message().contains("Starting your Spoq computer"),
                starting.message());
    }

    @Test
    void aDeletedOrMissingComputerIsRefused() {
        assertRefused(decide(ContainerStatus.DELETING, ACTIVE, false), "This Spoq computer has been deleted.");
        assertRefused(decide(ContainerStatus.DELETED, ACTIVE, false), "This Spoq computer has been deleted.");
        assertRefused(new SshLogin(DEVICE, "alice", "alice", TRIAL, Optional.empty(), null, Optional.empty(), RENEW_PAGE).decide(),
                "You have no Spoq computer yet.");
    }

    @Test
    void everyMessageIsPlainAsciiLines() {
        for (ContainerStatus status : ContainerStatus.values()) {
            for (SubscriptionStatus subscription : SubscriptionStatus.values()) {
                String message = decide(status, subscription, status == ContainerStatus.RUNNING).message();
                if (message != null) {
                    assertTrue(message.matches("[\\x20-\\x7e\\n]+") && !message.endsWith("\n"), status + "/" + subscription + ": " + message);
                }
            }
        }
    }

    private static SshRoute decide(ContainerStatus status, SubscriptionStatus subscription, boolean published) {
        return login(status, subscription, null, published).decide();
    }

    private static SshLogin login(ContainerStatus status, SubscriptionStatus subscription, String reason, boolean published) {
        return new SshLogin(DEVICE, "alice", "alice", subscription, Optional.of(status), reason,
                published ? Optional.of(SSHD) : Optional.empty(), RENEW_PAGE);
    }

    private static void assertStarting(SshRoute route) {
        Starting starting = assertInstanceOf(Starting.class, route);
        assertEquals(new Starting(DEVICE, "alice", "Starting your Spoq computer... this usually takes a few seconds."), starting);
    }

    private static void assertRefused(SshRoute route, String words) {
        Refused refused = assertInstanceOf(Refused.class, route);
        assertTrue(refused.message().startsWith(words), refused.message());
    }
}
