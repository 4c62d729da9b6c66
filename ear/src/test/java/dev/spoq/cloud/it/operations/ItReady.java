package dev.spoq.cloud.it.operations;

import dev.spoq.cloud.it.support.ApiClient;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/** The IT server's application answers (GET /health/ready 200): on a busy machine Liberty may report ready before it. */
final class ItReady {

    private ItReady() {
    }

    static void awaitApplication() {
        ApiClient api = new ApiClient();
        await("the application ready (GET /health/ready)").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions().until(() -> api.get("/health/ready", null).status() == 200);
    }
}
