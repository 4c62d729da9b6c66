package dev.spoq.cloud.gateway.relay;

import dev.spoq.cloud.gateway.metrics.GatewayMetrics;

import java.util.concurrent.ExecutorService;

/**
 * What every relayed channel needs: threads for its stream pumps, and the metrics it reports to.
 *
 * @param pumps an unbounded pool: each relayed channel holds two or three threads for its lifetime
 */
public record RelayContext(ExecutorService pumps, GatewayMetrics metrics) {
}
