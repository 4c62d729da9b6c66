package dev.spoq.cloud.gateway.upstream;

import dev.spoq.cloud.gateway.routing.Route;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.session.Session;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Logger;

/**
 * One user session's connection to its computer. Created when the login is accepted; the upstream SSH
 * session arrives a moment later (or after the computer has started), so channels wait on it here.
 * One upstream connection per user connection, and when either ends, the other ends too: a stopped
 * container ends the user's session instead of leaving it hanging.
 */
public final class UpstreamLink {
    private static final Logger LOG = Logger.getLogger(UpstreamLink.class.getName());
    private static final AttributeRepository.AttributeKey<UpstreamLink> KEY = new AttributeRepository.AttributeKey<>();

    private final Session downstream;
    private final CompletableFuture<ClientSession> upstream = new CompletableFuture<>();
    private volatile Route.Admitted route;

    private UpstreamLink(Session downstream, Route.Admitted route) {
        this.downstream = downstream;
        this.route = route;
    }

    /** Attaches a link, still without its upstream session, to an accepted login. */
    public static UpstreamLink attach(Session downstream, Route.Admitted route) {
        UpstreamLink link = new UpstreamLink(downstream, route);
        downstream.setAttribute(KEY, link);
        downstream.addCloseFutureListener(closed -> {
            link.upstream.completeExceptionally(new UpstreamUnavailableException("The session ended"));
            link.upstream.thenAccept(session -> session.close(false));
        });
        return link;
    }

    /** The link of an authenticated session, or null before authentication. */
    public static UpstreamLink of(Session downstream) {
        return downstream.getAttribute(KEY);
    }

    /** The upstream session is open: channels may use it now. */
    public void connected(ClientSession session, Route.Ready readyRoute) {
        this.route = readyRoute;
        session.addCloseFutureListener(closed -> {
            if (!downstream.isClosing()) {
                LOG.info("Upstream of " + readyRoute.subdomain() + "/" + readyRoute.user() + " closed; closing the user's session");
                downstream.close(false);
            }
        });
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
