package dev.spoq.cloud.gateway.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The gateway's counters, rendered in Prometheus text format. Small on purpose: a handful of series
 * with fixed label values, so nothing an attacker sends can create new series.
 */
public class GatewayMetrics {
    /** Why a connection was closed before any SSH work. */
    public enum Rejection { RATE_LIMIT, UNAUTHENTICATED_LIMIT }

    /** Why a login did not end in a relayed session. */
    public enum AuthFailure { UNKNOWN_KEY, KEY_NOT_ALLOWED, CONTROL_PLANE_UNAVAILABLE, COMPUTER_UNAVAILABLE, UPSTREAM_UNAVAILABLE }

    /** Which way bytes went through the relay. */
    public enum Direction { TO_COMPUTER, TO_CLIENT }

    private final AtomicLong connectionsActive = new AtomicLong();
    private final LongAdder connectionsTotal = new LongAdder();
    private final LongAdder loginsTotal = new LongAdder();
    private final Map<Rejection, LongAdder> rejected = counters(Rejection.class);
    private final Map<AuthFailure, LongAdder> authFailures = counters(AuthFailure.class);
    private final Map<Direction, LongAdder> bytes = counters(Direction.class);
    private final Map<String, LongAdder> channelsOpened = new ConcurrentSkipListMap<>();

    public void connectionOpened() {
        connectionsTotal.increment();
        connectionsActive.incrementAndGet();
    }

    public void connectionClosed() {
        connectionsActive.decrementAndGet();
    }

    public void connectionRejected(Rejection reason) {
        rejected.get(reason).increment();
    }

    public void loggedIn() {
        loginsTotal.increment();
    }

    public void authFailed(AuthFailure reason) {
        authFailures.get(reason).increment();
    }

    public void relayed(Direction direction, long count) {
        bytes.get(direction).add(count);
    }

    /** @param type one of the few channel kinds the gateway relays (shell, exec, subsystem, direct-tcpip) */
    public void channelOpened(String type) {
        channelsOpened.computeIfAbsent(type, t -> new LongAdder()).increment();
    }

    public long connectionsTotal() {
        return connectionsTotal.sum();
    }

    /** The Prometheus text exposition (version 0.0.4). */
    public String render() {
        StringBuilder out = new StringBuilder(2048);
        gauge(out, "ssh_connections_active", "SSH connections open at the gateway now", connectionsActive.get());
        counter(out, "ssh_connections_total", "SSH connections accepted by the gateway", connectionsTotal.sum());
        header(out, "ssh_connections_rejected_total", "Connections closed before any SSH work by a limit", "counter");
        rejected.forEach((reason, n) -> sample(out, "ssh_connections_rejected_total", "reason", label(reason), n.sum()));
        counter(out, "ssh_logins_total", "Logins that reached the user's computer", loginsTotal.sum());
        header(out, "ssh_auth_failures_total", "Logins refused, by reason", "counter");
        authFailures.forEach((reason, n) -> sample(out, "ssh_auth_failures_total", "reason", label(reason), n.sum()));
        header(out, "ssh_bytes_relayed_total", "Bytes relayed between users and their computers", "counter");
        bytes.forEach((direction, n) -> sample(out, "ssh_bytes_relayed_total", "direction", label(direction), n.sum()));
        header(out, "ssh_channels_opened_total", "Channels relayed, by kind", "counter");
        channelsOpened.forEach((type, n) -> sample(out, "ssh_channels_opened_total", "type", type, n.sum()));
        return out.toString();
    }

    private static <E extends Enum<E>> Map<E, LongAdder> counters(Class<E> type) {
        // filled once here and only read afterwards, so a plain EnumMap is safe to share
        Map<E, LongAdder> map = new EnumMap<>(type);
        for (E value : type.getEnumConstants()) {
            map.put(value, new LongAdder());
        }
        return map;
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static void gauge(StringBuilder out, String name, String help, long value) {
        header(out, name, help, "gauge");
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        header(out, name, help, "counter");
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void header(StringBuilder out, String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String name, String label, String labelValue, long value) {
        out.append(name).append('{').append(label).append("=\"").append(labelValue).append("\"} ").append(value).append('\n');
    }
}
