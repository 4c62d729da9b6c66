package dev.spoq.cloud.provisioning.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spoq.cloud.provisioning.ContainerSpec;

/**
 * The Swarm service spec of a user's container, as Engine API JSON (see {@link RawServiceApi} for why
 * JSON and not docker-java's model).
 */
final class SwarmServiceSpec {

    static final int SSHD_PORT = 22;

    private SwarmServiceSpec() {
    }

    static ObjectNode of(ContainerSpec spec, String network, int replicas) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("Name", SwarmNames.service(spec.subdomain()));
        labels(root.putObject("Labels"), spec);

        ObjectNode task = root.putObject("TaskTemplate");
        ObjectNode container = task.putObject("ContainerSpec");
        container.put("Image", spec.image());
        container.put("Hostname", spec.subdomain());
        labels(container.putObject("Labels"), spec);
        ObjectNode mount = container.putArray("Mounts").addObject();
        mount.put("Type", "volume");
        mount.put("Source", SwarmNames.homeVolume(spec.subdomain()));
        mount.put("Target", "/home");
        labels(mount.putObject("VolumeOptions").putObject("Labels"), spec);
        container.put("StopGracePeriod", 10_000_000_000L);

        ObjectNode limits = task.putObject("Resources").putObject("Limits");
        limits.put("NanoCPUs", spec.nanoCpus());
        limits.put("MemoryBytes", spec.memoryBytes());
        limits.put("Pids", spec.pidsLimit());

        if (!network.isBlank()) {
            task.putArray("Networks").addObject().put("Target", network);
        }

        ObjectNode restart = task.putObject("RestartPolicy");
        restart.put("Condition", "any");
        restart.put("Delay", 2_000_000_000L);
        restart.put("MaxAttempts", 0);

        root.putObject("Mode").putObject("Replicated").put("Replicas", replicas);

        ObjectNode endpoint = root.putObject("EndpointSpec");
        endpoint.put("Mode", "vip");
        ArrayNode ports = endpoint.putArray("Ports");
        ObjectNode ssh = ports.addObject();
        ssh.put("Protocol", "tcp");
        ssh.put("TargetPort", SSHD_PORT);
        ssh.put("PublishedPort", spec.sshPort());
        // host mode: the node that runs the task listens, no routing mesh between users' containers
        ssh.put("PublishMode", "host");
        return root;
    }

    private static void labels(ObjectNode labels, ContainerSpec spec) {
        labels.put(SwarmNames.LABEL_MANAGED, "true");
        labels.put(SwarmNames.LABEL_USER, spec.userId().toString());
        labels.put(SwarmNames.LABEL_SUBDOMAIN, spec.subdomain());
    }

    /** The same spec with another replica count: 0 stops the container and keeps the service and its home. */
    static ObjectNode withReplicas(JsonNode spec, int replicas) {
        ObjectNode copy = spec.deepCopy();
        ((ObjectNode) copy.path("Mode").path("Replicated")).put("Replicas", replicas);
        return copy;
    }

    /**
     * Whether the running service differs from the wanted one in what we decide (image, limits,
     * replicas, port). Docker stores a normalised spec (digests appended, defaults filled in, network
     * ids for names), so whole specs never compare equal; an update restarts the user's container, so
     * it must happen only for a real change.
     */
    static boolean differs(JsonNode wanted, JsonNode existing) {
        return !decided(wanted).equals(decided(existing));
    }

    private static String decided(JsonNode spec) {
        JsonNode task = spec.path("TaskTemplate");
        JsonNode limits = task.path("Resources").path("Limits");
        String image = task.path("ContainerSpec").path("Image").asText();
        int digest = image.indexOf('@');
        return String.join("|",
                digest < 0 ? image : image.substring(0, digest),
                limits.path("NanoCPUs").asText(), limits.path("MemoryBytes").asText(), limits.path("Pids").asText(),
                spec.path("Mode").path("Replicated").path("Replicas").asText(),
                spec.path("EndpointSpec").path("Ports").path(0).path("PublishedPort").asText());
    }
}
