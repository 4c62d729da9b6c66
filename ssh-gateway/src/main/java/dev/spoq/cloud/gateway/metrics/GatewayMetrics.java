package dev.spoq.cloud.gateway.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.util.Locale;

/**
 * The gateway's series, kept by the Prometheus Java client in the gateway's own registry. Small on
 * purpose: a handful of series with fixed label values, so nothing an attacker sends can create new series.
 */
public class GatewayMetrics {
    /** Why a connection was closed before any SSH work. */
    public enum Rejection { RATE_LIMIT, UNAUTHENTICATED_LIMIT, ACCOUNT_LIMIT }

    /** Why a login did not end in a relayed session. */
    public enum AuthFailure { UNKNOWN_KEY, KEY_TOO_WEAK, CONTROL_PLANE_UNAVAILABLE, COMPUTER_UNAVAILABLE, UPSTREAM_UNAVAILABLE, WRONG_PAIRING_CODE }

    /** Which way bytes went through the relay. */
    public enum Direction { TO_COMPUTER, TO_CLIENT }

    // one registry per gateway (not the client's default one): tests run several gateways in one JVM
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Gauge connectionsActive = Gauge.builder().name("ssh_connections_active")
            .help("SSH connections open at the gateway now").register(registry);
    private final Counter connectionsTotal = Counter.builder().name("ssh_connections_total")
            .help("SSH connections accepted by the gateway").register(registry);
    private final Counter rejected = labelled("ssh_connections_rejected_total", "Connections closed before any SSH work by a limit",
            "reason", Rejection.class);
    private final Counter loginsTotal = Counter.builder().name("ssh_logins_total")
            .help("Logins that reached the user's computer").register(registry);
    private final Counter authFailures = labelled("ssh_auth_failures_total", "Logins refused, by reason", "reason", AuthFailure.class);
    private final Counter bytes = labelled("ssh_bytes_relayed_total", "Bytes relayed between users and their computers",
            "direction", Direction.class);
    private final Counter channelsOpened = Counter.builder().name("ssh_channels_opened_total")
            .help("Channels relayed, by kind").labelNames("type").register(registry);
    private final Counter channelsRefused = Counter.builder().name("ssh_channels_refused_total")
            .help("Channels refused by the per-account or relay-thread budget").register(registry);
    private final Counter sessionsEnded = Counter.builder().name("ssh_sessions_ended_total")
            .help("Open sessions ended because their access ended (device removed, computer suspended, ...)").register(registry);

    public void connectionOpened() {
        connectionsTotal.inc();
        connectionsActive.inc();
    }

    public void connectionClosed() {
        connectionsActive.dec();
    }

    public void connectionRejected(Rejection reason) {
        rejected.labelValues(label(reason)).inc();
    }

    public void loggedIn() {
        loginsTotal.inc();
    }

    public void authFailed(AuthFailure reason) {
        authFailures.labelValues(label(reason)).inc();
    }

    public void relayed(Direction direction, long count) {
        bytes.labelValues(label(direction)).inc(count);
    }

    /** @param type one of the few channel kinds the gateway relays (shell, exec, subsystem, direct-tcpip) */
    public void channelOpened(String type) {
        channelsOpened.labelValues(type).inc();
    }

    public void channelRefused() {
        channelsRefused.inc();
    }

    public void sessionEnded() {
        sessionsEnded.inc();
    }

    /** What {@link MetricsEndpoint} serves. */
    PrometheusRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every series now, as {@code /metrics} serves it (tests, diagnostics). */
    public String render() {
        return PrometheusTextFormatWriter.create().toDebugString(registry.scrape());
    }

    /** A counter with one label whose values are an enum's, all shown from the start (at 0). */
    private <E extends Enum<E>> Counter labelled(String name, String help, String label, Class<E> values) {
        Counter counter = Counter.builder().name(name).help(help).labelNames(label).register(registry);
        for (E value : values.getEnumConstants()) {
            counter.initLabelValues(label(value));
        }
        return counter;
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
