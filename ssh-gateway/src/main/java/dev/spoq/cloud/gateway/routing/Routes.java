package dev.spoq.cloud.gateway.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Route look-ups with a short memory. One login asks for the same (name, key) several times (the key
 * query, the signed request, the start of the relay); a cache of at most three seconds saves the control
 * plane those calls while a removed device is still refused within five. Failures are never cached.
 */
public class Routes {
    private static final int MAX_ENTRIES = 10_000;

    private final ControlPlaneClient controlPlane;
    private final Duration ttl;
    private final Clock clock;
    private final Map<Key, Entry> cache = new ConcurrentHashMap<>();

    public Routes(ControlPlaneClient controlPlane, Duration ttl) {
        this(controlPlane, ttl, Clock.systemUTC());
    }

    Routes(ControlPlaneClient controlPlane, Duration ttl, Clock clock) {
        this.controlPlane = controlPlane;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The route of (name, key), from the cache when it is fresh enough. */
    public Optional<Route> find(String username, String publicKey) throws ControlPlaneUnavailableException {
        Key key = new Key(username, publicKey);
        Instant now = clock.instant();
        Entry cached = cache.get(key);
        if (cached != null && cached.expires().isAfter(now)) {
            return cached.route();
        }
        return fetch(key, now);
    }

    /** Asks the control plane again, ignoring the cache (polling a computer that is starting). */
    public Optional<Route> refresh(String username, String publicKey) throws ControlPlaneUnavailableException {
        return fetch(new Key(username, publicKey), clock.instant());
    }

    private Optional<Route> fetch(Key key, Instant now) throws ControlPlaneUnavailableException {
        Optional<Route> route = controlPlane.route(key.username(), key.publicKey());
        if (cache.size() >= MAX_ENTRIES) {
            // a flood of distinct keys must not grow memory: drop what has expired, and if that is not enough, all
            cache.values().removeIf(entry -> !entry.expires().isAfter(now));
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
        }
        if (!ttl.isZero()) {
            cache.put(key, new Entry(route, now.plus(ttl)));
        }
        return route;
    }

    private record Key(String username, String publicKey) {
    }

    private record Entry(Optional<Route> route, Instant expires) {
    }
}
