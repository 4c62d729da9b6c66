package dev.spoq.cloud.audit;

import java.util.UUID;

/**
 * One thing to record: the action, the account and computer it was done to, what to add, from where, and how it
 * ended. The actor is the thread's {@link CurrentActor} unless given.
 */
public record AuditEvent(String action, UUID userId, UUID containerId, String detail, String sourceIp, Outcome outcome,
                         Actor actor) {

    public static AuditEvent of(String action) {
        return new AuditEvent(action, null, null, null, null, Outcome.OK, null);
    }

    public AuditEvent account(UUID id) {
        return new AuditEvent(action, id, containerId, detail, sourceIp, outcome, actor);
    }

    public AuditEvent computer(UUID id) {
        return new AuditEvent(action, userId, id, detail, sourceIp, outcome, actor);
    }

    public AuditEvent detail(String text) {
        return new AuditEvent(action, userId, containerId, text, sourceIp, outcome, actor);
    }

    public AuditEvent from(String address) {
        return new AuditEvent(action, userId, containerId, detail, address, outcome, actor);
    }

    public AuditEvent outcome(Outcome how) {
        return new AuditEvent(action, userId, containerId, detail, sourceIp, how, actor);
    }

    public AuditEvent by(Actor who) {
        return new AuditEvent(action, userId, containerId, detail, sourceIp, outcome, who);
    }

    /** The actor to record: the one given, else the thread's, else the platform. */
    Actor effectiveActor() {
        Actor who = actor != null ? actor : CurrentActor.get().orElse(Actor.system(null));
        return who.resolvedFor(userId);
    }
}
