package dev.spoq.cloud.gateway.upstream;

import dev.spoq.cloud.gateway.routing.Route;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.future.CloseFuture;
import org.apache.sshd.common.future.SshFutureListener;
import org.apache.sshd.common.session.Session;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.logging.Logger;

/**
 * One user session's connection to its computer. Created when the login is accepted; the upstream SSH
 * session arrives a moment later (or after the computer has started), so channels wait on it here.
 * One upstream connection per user connection while it lasts: when the upstream ends, the user's session ends
 * too (a stopped container ends the user's session instead of leaving it hanging); when the user's session ends
 * normally, its upstream connection goes back to the {@link UpstreamPool} for the next login of the same profile
 * (one that ended because access ended is closed instead).
 */
public final class UpstreamLink {
    private static final Logger LOG = Logger.getLogger(UpstreamLink.class.getName());
    private static final AttributeRepository.AttributeKey<UpstreamLink> KEY = new AttributeRepository.AttributeKey<>();

    private final Session downstream;
    private final BiConsumer<Session, Runnable> endIfAccessEnded;
    private final CompletableFuture<ClientSession> upstream = new CompletableFuture<>();
    private volatile Route.Admitted route;
    private volatile boolean accessEnded;
    private volatile SshFutureListener<CloseFuture> upstreamEndsDownstream;

    private UpstreamLink(Session downstream, Route.Admitted route, BiConsumer<Session, Runnable> endIfAccessEnded) {
        this.downstream = downstream;
        this.route = route;
        this.endIfAccessEnded = endIfAccessEnded;
    }

    /**
     * Attaches a link, still without its upstream session, to an accepted login; at the end its upstream goes back
     * to {@code pool}. When its upstream closes under it, {@code endIfAccessEnded} says why if access ended; the user's
     * session closes either way.
     */
    public static UpstreamLink attach(Session downstream, Route.Admitted route, UpstreamPool pool,
                                      BiConsumer<Session, Runnable> endIfAccessEnded) {
        UpstreamLink link = new UpstreamLink(downstream, route, endIfAccessEnded);
        downstream.setAttribute(KEY, link);
        downstream.addCloseFutureListener(closed -> {
            link.upstream.completeExceptionally(new UpstreamUnavailableException("The session ended"));
            link.upstream.thenAccept(session -> link.release(session, pool));
        });
        return link;
    }

    private void release(ClientSession session, UpstreamPool pool) {
        SshFutureListener<CloseFuture> listener = upstreamEndsDownstream;
        if (listener != null) {
            session.removeCloseFutureListener(listener);
        }
        if (!accessEnded && route instanceof Route.Ready ready) {
            pool.giveBack(ready, session);
        } else {
            session.close(false);
        }
    }

    /** The session is being ended because its access ended: its upstream connection is not kept for anyone. */
    public void accessEnded() {
        accessEnded = true;
    }

    /** The link of an authenticated session, or null before authentication. */
    public static UpstreamLink of(Session downstream) {
        return downstream.getAttribute(KEY);
    }

    /** The upstream session is open: channels may use it now. */
    public void connected(ClientSession session, Route.Ready readyRoute) {
        this.route = readyRoute;
        SshFutureListener<CloseFuture> listener = closed -> {
            if (!downstream.isClosing()) {
                LOG.info("Upstream of " + readyRoute.subdomain() + "/" + readyRoute.user() + " closed; ending the user's session");
                endIfAccessEnded.accept(downstream, () -> downstream.close(false));
            }
        };
        upstreamEndsDownstream = listener;
        session.addCloseFutureListener(listener);
        if (!upstream.complete(session) || downstream.isClosing()) {
            // the user left while the upstream was being opened
            session.close(true);
        }
    }

    /** The computer cannot be reached; waiting channels tell the user why. */
    public void failed(UpstreamUnavailableException reason) {
        upstream.completeExceptionally(reason);
    }

    /** Completes with the upstream session, or with an {@link UpstreamUnavailableException}. */
    public CompletableFuture<ClientSession> upstream() {
        return upstream;
    }

    /** The decision that let the user in; the ready one once the upstream session is open. */
    public Route.Admitted route() {
        return route;
    }

    /** The user-facing reason behind a failed upstream future. */
    public static UpstreamUnavailableException unavailable(Throwable failure) {
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        return cause instanceof UpstreamUnavailableException known ? known
                : new UpstreamUnavailableException("Your Spoq computer is not available right now.\r\n");
    }
}
