package dev.spoq.cloud.sshroute;

import dev.spoq.cloud.account.SubscriptionStatus;
import dev.spoq.cloud.provisioning.ContainerStatus;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which open sessions end: only those whose access has ended, not those of a computer that is restarting. */
class SessionAccessTest {
    private static final String RENEW_PAGE = "https://spoq.test/dashboard";

    @Test
    void aRemovedDeviceOrProfileEndsItsSessions() {
        assertEquals(Optional.of("This device was removed from your Spoq account."), new SessionAccess(Optional.empty(), RENEW_PAGE).endedBecause());
    }

    @Test
    void aSuspendedOrDeletedComputerEndsItsSessions() {
        assertTrue(ended(SubscriptionStatus.ACTIVE, ContainerStatus.SUSPENDED).orElseThrow().contains("suspended"));
        assertTrue(ended(SubscriptionStatus.ACTIVE, ContainerStatus.DELETING).orElseThrow().contains("deleted"));
        assertTrue(ended(SubscriptionStatus.ACTIVE, ContainerStatus.DELETED).orElseThrow().contains("deleted"));
        assertTrue(new SessionAccess(Optional.of(new SessionAccess.Owner(SubscriptionStatus.ACTIVE, Optional.empty())), RENEW_PAGE)
                .endedBecause().orElseThrow().contains("deleted"));
    }

    @Test
    void anEndedSubscriptionEndsItsSessions() {
        assertTrue(ended(SubscriptionStatus.CANCELED, ContainerStatus.RUNNING).orElseThrow().contains("canceled"));
        assertTrue(ended(SubscriptionStatus.SUSPENDED, ContainerStatus.RUNNING).orElseThrow().contains("not active"));
    }

    @Test
    void aComputerThatIsUpComingUpOrBrieflyFailedKeepsItsSessions() {
        for (ContainerStatus status : new ContainerStatus[] {ContainerStatus.RUNNING, ContainerStatus.PENDING,
                ContainerStatus.PROVISIONING, ContainerStatus.FAILED, ContainerStatus.SLEEPING}) {
            for (SubscriptionStatus subscription : new SubscriptionStatus[] {SubscriptionStatus.TRIAL, SubscriptionStatus.ACTIVE,
                    SubscriptionStatus.PAST_DUE}) {
                assertEquals(Optional.empty(), ended(subscription, status), subscription + "/" + status);
            }
        }
    }

    private static Optional<String> ended(SubscriptionStatus subscription, ContainerStatus computer) {
        return new SessionAccess(Optional.of(new SessionAccess.Owner(subscription, Optional.of(computer))), RENEW_PAGE).endedBecause();
    }
}
