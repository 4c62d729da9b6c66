package dev.spoq.cloud.provisioning.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.spoq.cloud.provisioning.RuntimeUnavailable;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The Engine API's service create, inspect and update, spoken as plain JSON over docker-java's own HTTP
 * transport. It exists because docker-java's ServiceSpec model has no pids limit (API 1.41
 * TaskTemplate.Resources.Limits.Pids): a service written through that model would lose the limit, and
 * one read through it would hide it from the comparison. Also the one-shot stats read, which docker-java's
 * stats call cannot ask for. Every other Engine call goes through docker-java in {@link SwarmContainerRuntime}.
 */
final class RawServiceApi {

    private static final String API = "/v1.41";

    private final DockerHttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    RawServiceApi(DockerHttpClient http) {
        this.http = http;
    }

    /** A service as the engine stores it: its id, the version an update must name, and its spec. */
    record StoredService(String id, long version, JsonNode spec) {
    }

    Optional<StoredService> inspect(String name) {
        try (DockerHttpClient.Response response = http.execute(request("GET", API + "/services/" + name, null))) {
            if (response.getStatusCode() == 404) {
                return Optional.empty();
            }
            JsonNode service = readOk(response, 200, "inspect service " + name);
            return Optional.of(new StoredService(service.get("ID").asText(), service.get("Version").get("Index").asLong(),
                    service.get("Spec")));
        }
    }

    /**
     * The manifest digest the registry holds for an image reference (Engine API distribution
     * inspect: the engine asks the registry).
     */
    String digestOf(String image) {
        try (DockerHttpClient.Response response = http.execute(request("GET", API + "/distribution/" + image + "/json", null))) {
            String digest = readOk(response, 200, "resolve the digest of " + image).path("Descriptor").path("digest").asText("");
            if (!digest.startsWith("sha256:")) {
                throw new RuntimeUnavailable("The registry gave no digest for " + image);
            }
            return digest;
        }
    }

    /**
     * The CPU time (ns) a container has used, from one stats sample ({@code one-shot}: the engine answers at
     * once instead of waiting a second for a second sample, as docker-java's stats call does).
     */
    long cpuNanos(String containerId) {
        try (DockerHttpClient.Response response = http.execute(request("GET", API + "/containers/" + containerId
                + "/stats?stream=false&one-shot=true", null))) {
            return readOk(response, 200, "read the stats of " + containerId).path("cpu_stats").path("cpu_usage")
                    .path("total_usage").asLong(0);
        }
    }

    void create(ObjectNode spec) {
        send("POST", API + "/services/create", spec, 201);
    }

    void update(StoredService service, ObjectNode spec) {
        send("POST", API + "/services/" + service.id() + "/update?version=" + service.version(), spec, 200);
    }

    private void send(String method, String path, JsonNode body, int expected) {
        try (DockerHttpClient.Response response = http.execute(request(method, path, body))) {
            readOk(response, expected, method + " " + path);
        }
    }

    private JsonNode readOk(DockerHttpClient.Response response, int expected, String what) {
        try (InputStream in = response.getBody()) {
            byte[] bytes = in.readAllBytes();
            if (response.getStatusCode() != expected) {
                throw new RuntimeUnavailable("Docker refused to " + what + ": " + response.getStatusCode() + " "
                        + new String(bytes, StandardCharsets.UTF_8).strip());
            }
            return bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
        } catch (IOException e) {
            throw new RuntimeUnavailable("Could not read Docker's answer to " + what, e);
        }
    }

    private DockerHttpClient.Request request(String method, String path, JsonNode body) {
        DockerHttpClient.Request.Builder builder = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.valueOf(method)).path(path);
        if (body != null) {
            try {
                builder.putHeader("Content-Type", "application/json")
                        .body(new ByteArrayInputStream(json.writeValueAsBytes(body)));
            } catch (IOException e) {
                throw new IllegalStateException("A service spec always serialises", e);
            }
        }
        return builder.build();
    }
}
