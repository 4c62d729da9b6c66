package dev.spoq.cloud.audit;

import java.util.Optional;

/**
 * Who is acting on this thread, set by the edge that knows (a web request, the internal API's filter, a JMX
 * operation) so that the services' own audit calls need not pass it along. Unset means the platform itself:
 * schedules and queue consumers run on threads no edge has touched.
 */
public final class CurrentActor {

    private static final ThreadLocal<Actor> ACTING = new ThreadLocal<>();

    private CurrentActor() {
    }

    /** Acts as {@code actor} until the returned scope is closed, which puts back whoever acted before. */
    public static Scope actAs(Actor actor) {
        Actor before = ACTING.get();
        ACTING.set(actor);
        return () -> {
            if (before == null) {
                ACTING.remove();
            } else {
                ACTING.set(before);
            }
        };
    }

    /** For a web request on the site or the user API: the user each event is about is the one acting. */
    public static Scope actAsTheAccount() {
        return actAs(Actor.THE_ACCOUNT);
    }

    /** Replaces the actor of the scope already open on this thread (the internal API's filter, once it saw the token). */
    public static void become(Actor actor) {
        ACTING.set(actor);
    }

    public static Optional<Actor> get() {
        return Optional.ofNullable(ACTING.get());
    }

    /** A scope that never throws on close. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
