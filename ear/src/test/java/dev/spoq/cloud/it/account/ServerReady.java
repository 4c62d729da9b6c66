package dev.spoq.cloud.it.account;

import dev.spoq.cloud.it.support.ApiClient;

import java.time.Duration;
import java.util.Map;

/**
 * Waits until the IT server's application answers GET /health/ready with 200: on a loaded machine the server can
 * report itself started while the application is still deploying (CWWKZ0022W), and every call would be a 404.
 */
final class ServerReady {

    private ServerReady() {
    }

    static void await() {
        ApiClient api = new ApiClient();
        org.awaitility.Awaitility.await("GET /health/ready answering 200").atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> api.send("GET", "/health/ready", Map.of(), null).status() == 200);
    }
}
