package dev.spoq.cloud.sshroute;

import dev.spoq.cloud.account.SubscriptionStatus;
import dev.spoq.cloud.provisioning.ContainerStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What billing makes an SSH login say: one notice line while past due, the renew page when suspended. */
class BillingLoginMessagesTest {

    private static final String PAGE = "https://spoq.dev/dashboard";
    private static final SshLogin.Sshd SSHD = new SshLogin.Sshd("127.0.0.5", 20001, List.of("ssh-ed25519 AAAA"));

    private static SshRoute decide(SubscriptionStatus subscription) {
        return new SshLogin(UUID.randomUUID(), "alice", "alice", subscription, Optional.of(ContainerStatus.RUNNING), null,
                Optional.of(SSHD), PAGE).decide();
    }

    @Test
    void pastDueLetsTheUserInWithOneLineNamingThePage() {
        SshRoute.Ready ready = assertInstanceOf(SshRoute.Ready.class, decide(SubscriptionStatus.PAST_DUE));
        assertEquals(1, ready.message().lines().count(), ready.message());
        assertTrue(ready.message().contains("Update your card on " + PAGE), ready.message());
    }

    @Test
    void aSuspendedSubscriptionIsRefusedWithTheRenewPage() {
        for (SubscriptionStatus ended : List.of(SubscriptionStatus.SUSPENDED, SubscriptionStatus.CANCELED)) {
            SshRoute.Refused refused = assertInstanceOf(SshRoute.Refused.class, decide(ended));
            assertTrue(refused.message().contains("Your files are kept. Renew the subscription on " + PAGE), refused.message());
        }
    }

    @Test
    void anActiveSubscriptionSaysNothing() {
        SshRoute.Ready ready = assertInstanceOf(SshRoute.Ready.class, decide(SubscriptionStatus.ACTIVE));
        assertEquals(null, ready.message());
    }
}
