package dev.spoq.cloud.audit;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditActorTest {

    private final UUID alice = UUID.randomUUID();

    @Test
    void withNobodyOnTheThreadThePlatformActs() {
        assertEquals(Actor.system(null), AuditEvent.of("provisioning.ensure").account(alice).effectiveActor());
    }

    @Test
    void onTheSiteTheAccountTheEventIsAboutActs() {
        try (CurrentActor.Scope ignored = CurrentActor.actAsTheAccount()) {
            assertEquals(Actor.user(alice), AuditEvent.of("device.added").account(alice).effectiveActor());
            assertEquals(new Actor("user", null), AuditEvent.of("login.failed").effectiveActor(), "an unknown account");
        }
    }

    @Test
    void aGivenActorWinsOverTheThreads() {
        try (CurrentActor.Scope ignored = CurrentActor.actAs(Actor.operator("token:abc"))) {
            assertEquals(Actor.jmx("ops"), AuditEvent.of("jmx.computers.suspend").by(Actor.jmx("ops")).effectiveActor());
            assertEquals(Actor.operator("token:abc"), AuditEvent.of("container.suspend.requested").account(alice).effectiveActor());
        }
    }

    @Test
    void closingAScopePutsBackWhoActedBefore() {
        try (CurrentActor.Scope outer = CurrentActor.actAs(Actor.operator(null))) {
            CurrentActor.become(Actor.operator("token:abc"));
            try (CurrentActor.Scope inner = CurrentActor.actAs(Actor.jmx("ops"))) {
                assertEquals(Actor.jmx("ops"), CurrentActor.get().orElseThrow());
            }
            assertEquals(Actor.operator("token:abc"), CurrentActor.get().orElseThrow());
        }
        assertTrue(CurrentActor.get().isEmpty(), "a pooled thread is left clean");
    }

    @Test
    void anAnswersStatusIsItsOutcome() {
        assertEquals(Outcome.OK, Outcome.ofHttpStatus(201));
        assertEquals(Outcome.OK, Outcome.ofHttpStatus(304));
        assertEquals(Outcome.REFUSED, Outcome.ofHttpStatus(403));
        assertEquals(Outcome.REFUSED, Outcome.ofHttpStatus(409));
        assertEquals(Outcome.FAILED, Outcome.ofHttpStatus(502));
        assertEquals("refused", Outcome.REFUSED.wireName());
    }
}
