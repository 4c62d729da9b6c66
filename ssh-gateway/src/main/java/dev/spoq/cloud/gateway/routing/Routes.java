package dev.spoq.cloud.gateway.routing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Route look-ups with a short memory. One login asks for the same (name, key) several times (the key
 * query, the signed request, the start of the relay); a cache of at most three seconds saves the control
 * plane those calls while a removed device is still refused within five. Failures are never cached, and
 * the size bound keeps a flood of distinct keys from growing memory.
 *
 * <p>{@link #find} is called on MINA's I/O threads, which also carry every other user's bytes (MINA asks
 * the public-key authenticator synchronously). So a look-up that must ask the control plane is bounded:
 * at most {@code maxWaiting} of those threads wait at once (the others keep relaying; one more look-up is
 * refused at once, as if the control plane were down), each waits at most {@code maxWait}, and concurrent
 * look-ups of one (name, key) share one request. The request itself runs on {@code requests}.
 */
public class Routes {
    private static final int MAX_ENTRIES = 10_000;

    private final ControlPlaneClient controlPlane;
    /** A TTL of zero keeps nothing: every look-up asks the control plane. */
    private final Cache<Key, Optional<Route>> cache;
    private final Executor requests;
    private final Semaphore waiting;
    private final Duration maxWait;
    private final Map<Key, CompletableFuture<Optional<Route>>> inFlight = new ConcurrentHashMap<>();

    /** Look-ups on the caller's thread, unbounded (tests and tools without I/O threads to protect). */
    public Routes(ControlPlaneClient controlPlane, Duration ttl) {
        this(controlPlane, ttl, Runnable::run, Integer.MAX_VALUE, Duration.ofSeconds(10));
    }

    public Routes(ControlPlaneClient controlPlane, Duration ttl, Executor requests, int maxWaiting, Duration maxWait) {
        this.controlPlane = controlPlane;
        this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(MAX_ENTRIES).build();
        this.requests = requests;
        this.waiting = new Semaphore(maxWaiting);
        this.maxWait = maxWait;
    }

    /** The route of (name, key), from the cache when it is fresh enough. */
    public Optional<Route> find(String username, String publicKey) throws ControlPlaneUnavailableException {
        Key key = new Key(username, publicKey);
        Optional<Route> cached = cache.getIfPresent(key);
        return cached != null ? cached : fetchBounded(key);
    }

    /** Asks the control plane again, ignoring the cache (polling a computer that is starting; not on I/O threads). */
    public Optional<Route> refresh(String username, String publicKey) throws ControlPlaneUnavailableException {
        return fetch(new Key(username, publicKey));
    }

    private Optional<Route> fetchBounded(Key key) throws ControlPlaneUnavailableException {
        return waitBounded(() -> answerOf(key));
    }

    /** Waits for {@code answer} on an I/O thread, within the budget of waiting threads and {@code maxWait}. */
    private Optional<Route> waitBounded(Supplier<CompletableFuture<Optional<Route>>> answer)
            throws ControlPlaneUnavailableException {
        if (!waiting.tryAcquire()) {
            throw new ControlPlaneUnavailableException("Too many route look-ups are waiting for the control plane");
        }
        try {
            return answer.get().get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ControlPlaneUnavailableException("The control plane did not answer within " + maxWait.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ControlPlaneUnavailableException unavailable) {
                throw unavailable;
            }
            throw new ControlPlaneUnavailableException("A route look-up failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlPlaneUnavailableException("Interrupted while waiting for a route look-up", e);
        } finally {
            waiting.release();
        }
    }

    /** The request in flight for {@code key}, or a new one. */
    private CompletableFuture<Optional<Route>> answerOf(Key key) {
        CompletableFuture<Optional<Route>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<Route>> shared = inFlight.putIfAbsent(key, mine);
        if (shared != null) {
            return shared;
        }
        // whoever comes after this answer asks again (or finds it in the cache): failures are not kept
        mine.whenComplete((route, failure) -> inFlight.remove(key, mine));
        return ask(mine, () -> fetch(key));
    }

    private CompletableFuture<Optional<Route>> ask(CompletableFuture<Optional<Route>> answer, ControlPlaneCall call) {
        try {
            requests.execute(() -> {
                try {
                    answer.complete(call.run());
                } catch (ControlPlaneUnavailableException | RuntimeException e) {
                    answer.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            answer.completeExceptionally(new ControlPlaneUnavailableException("No thread free for a route look-up", e));
        }
        return answer;
    }

    private interface ControlPlaneCall {
        Optional<Route> run() throws ControlPlaneUnavailableException;
    }

    /**
     * Checks a pairing code (never cached, bounded like a look-up: it runs on an I/O thread too); the (name, key)
     * is looked up afresh afterwards.
     */
    public Optional<Route> pair(String username, String publicKey, String code) throws ControlPlaneUnavailableException {
        Key key = new Key(username, publicKey);
        cache.invalidate(key);
        Optional<Route> route = waitBounded(() -> ask(new CompletableFuture<>(), () -> controlPlane.pair(username, publicKey, code)));
        if (route.isPresent() && !(route.get() instanceof Route.Pairing)) {
            cache.put(key, route); // paired: the relay's own look-ups find the route it just got
        }
        return route;
    }

    /**
     * Drops what is remembered for a device whose access has just ended, so that a login right after its sessions
     * were cut asks the control plane (and is refused) instead of finding the route of a moment ago.
     */
    public void forgetDevice(String deviceId) {
        cache.asMap().values().removeIf(route -> route.isPresent()
                && route.get() instanceof Route.Admitted admitted && deviceId.equals(admitted.deviceId()));
    }

    private Optional<Route> fetch(Key key) throws ControlPlaneUnavailableException {
        Optional<Route> route = controlPlane.route(key.username(), key.publicKey());
        cache.put(key, route);
        return route;
    }

    private record Key(String username, String publicKey) {
    }
}
