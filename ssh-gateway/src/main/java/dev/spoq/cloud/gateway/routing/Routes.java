package dev.spoq.cloud.gateway.routing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.util.Optional;

/**
 * Route look-ups with a short memory. One login asks for the same (name, key) several times (the key
 * query, the signed request, the start of the relay); a cache of at most three seconds saves the control
 * plane those calls while a removed device is still refused within five. Failures are never cached, and
 * the size bound keeps a flood of distinct keys from growing memory.
 */
public class Routes {
    private static final int MAX_ENTRIES = 10_000;

    private final ControlPlaneClient controlPlane;
    /** A TTL of zero keeps nothing: every look-up asks the control plane. */
    private final Cache<Key, Optional<Route>> cache;

    public Routes(ControlPlaneClient controlPlane, Duration ttl) {
        this.controlPlane = controlPlane;
        this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(MAX_ENTRIES).build();
    }

    /** The route of (name, key), from the cache when it is fresh enough. */
    public Optional<Route> find(String username, String publicKey) throws ControlPlaneUnavailableException {
        Key key = new Key(username, publicKey);
        Optional<Route> cached = cache.getIfPresent(key);
        return cached != null ? cached : fetch(key);
    }

    /** Asks the control plane again, ignoring the cache (polling a computer that is starting). */
    public Optional<Route> refresh(String username, String publicKey) throws ControlPlaneUnavailableException {
        return fetch(new Key(username, publicKey));
    }

    private Optional<Route> fetch(Key key) throws ControlPlaneUnavailableException {
        Optional<Route> route = controlPlane.route(key.username(), key.publicKey());
        cache.put(key, route);
        return route;
    }

    private record Key(String username, String publicKey) {
    }
}
