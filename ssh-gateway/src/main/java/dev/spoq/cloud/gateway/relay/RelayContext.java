package dev.spoq.cloud.gateway.relay;

import dev.spoq.cloud.gateway.metrics.GatewayMetrics;
import org.apache.sshd.common.session.Session;

import java.util.concurrent.ExecutorService;
import java.util.function.BiConsumer;

/**
 * What every relayed channel needs: threads for its stream pumps, the metrics it reports to, and a way to tell a user
 * why their computer went away.
 *
 * @param pumps            a bounded pool: each relayed channel holds up to four threads for its lifetime, handed out by
 *                         the channel budget before the channel opens, so the pool refuses work only in a race at its edge
 * @param endIfAccessEnded asks at once whether a session's access ended: if so ends it with the control plane's words,
 *                         otherwise runs the given fallback
 */
public record RelayContext(ExecutorService pumps, GatewayMetrics metrics, BiConsumer<Session, Runnable> endIfAccessEnded) {
}
