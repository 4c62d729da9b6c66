package dev.spoq.cloud.provisioning.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spoq.cloud.provisioning.ContainerSpec;

import java.util.List;
import java.util.TreeSet;

/**
 * The Swarm service spec of a user's container, as Engine API JSON (see {@link RawServiceApi} for why
 * JSON and not docker-java's model).
 */
final class SwarmServiceSpec {

    static final int SSHD_PORT = 22;

    /**
     * Docker's default capabilities that a personal computer does not need: raw sockets (spoofing on
     * the bridge), device nodes, file capabilities and changing capability sets. Kept: what sudo, apt,
     * dpkg and sshd use (SETUID, SETGID, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, SYS_CHROOT,
     * NET_BIND_SERVICE, AUDIT_WRITE). Written as the engine stores them, so a stored spec compares equal.
     */
    static final List<String> DROPPED_CAPABILITIES = List.of("CAP_MKNOD", "CAP_NET_RAW", "CAP_SETFCAP", "CAP_SETPCAP");

    private SwarmServiceSpec() {
    }

    /**
     * @param homeDevice the node path of the computer's own disk (HomeDisks): the home volume is a bind
     *                   of it, made by the engine's local driver when the task first starts on the node
     * @param nodeId     the node that holds the disk; the computer runs only there
     */
    static ObjectNode of(ContainerSpec spec, String network, int replicas, String homeDevice, String nodeId) {
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
        ObjectNode volumeOptions = mount.putObject("VolumeOptions");
        labels(volumeOptions.putObject("Labels"), spec);
        ObjectNode driver = volumeOptions.putObject("DriverConfig");
        driver.put("Name", "local");
        driver.putObject("Options").put("type", "none").put("o", "bind").put("device", homeDevice);
        container.put("StopGracePeriod", 10_000_000_000L);
        ArrayNode dropped = container.putArray("CapabilityDrop");
        DROPPED_CAPABILITIES.forEach(dropped::add);

        ObjectNode limits = task.putObject("Resources").putObject("Limits");
        limits.put("NanoCPUs", spec.nanoCpus());
        limits.put("MemoryBytes", spec.memoryBytes());
        limits.put("Pids", spec.pidsLimit());

        task.putObject("Placement").putArray("Constraints").add("node.id==" + nodeId);

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

    /**
     * The logins a new computer starts with ({@code LoginsDocument}), in its environment: the image's entrypoint
     * applies them before sshd starts, and only on a home that has no accounts yet (later changes come by exec and
     * are kept on the home, so this first list never comes back). Public keys only.
     */
    static ObjectNode withInitialAccounts(ObjectNode spec, String loginsDocument) {
        if (!loginsDocument.isEmpty()) {
            ((ObjectNode) spec.path("TaskTemplate").path("ContainerSpec")).putArray("Env").add("SPOQ_INITIAL_ACCOUNTS="
                    + java.util.Base64.getEncoder().encodeToString(loginsDocument.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return spec;
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
     * replicas, port, dropped capabilities, home disk, node). Docker stores a normalised spec (digests appended, defaults filled in, network
     * ids for names), so whole specs never compare equal; an update restarts the user's container, so
     * it must happen only for a real change.
     */
    static boolean differs(JsonNode wanted, JsonNode existing) {
        return imageDiffers(image(wanted), image(existing)) || !decided(wanted).equals(decided(existing));
    }

    /**
     * A wanted image pinned by digest differs only by its digest (Docker stores "repo:tag@digest" or
     * "repo@digest"); a wanted tag only by its name (Docker appends the digest it resolved).
     */
    private static boolean imageDiffers(String wanted, String existing) {
        int wantedAt = wanted.indexOf('@');
        int existingAt = existing.indexOf('@');
        if (wantedAt >= 0) {
            return existingAt < 0 || !wanted.substring(wantedAt).equals(existing.substring(existingAt));
        }
        return !wanted.equals(existingAt < 0 ? existing : existing.substring(0, existingAt));
    }

    private static String image(JsonNode spec) {
        return spec.path("TaskTemplate").path("ContainerSpec").path("Image").asText();
    }

    /** The image by digest: repo@sha256:..., from a reference with or without a tag. */
    static String pinned(String image, String digest) {
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        String repository = colon > slash ? image.substring(0, colon) : image;
        return repository + "@" + digest;
    }

    private static String decided(JsonNode spec) {
        JsonNode task = spec.path("TaskTemplate");
        JsonNode limits = task.path("Resources").path("Limits");
        return String.join("|",
                limits.path("NanoCPUs").asText(), limits.path("MemoryBytes").asText(), limits.path("Pids").asText(),
                spec.path("Mode").path("Replicated").path("Replicas").asText(),
                spec.path("EndpointSpec").path("Ports").path(0).path("PublishedPort").asText(),
                capabilities(task.path("ContainerSpec").path("CapabilityDrop")),
                task.path("ContainerSpec").path("Mounts").path(0).path("VolumeOptions").path("DriverConfig")
                        .path("Options").path("device").asText(),
                task.path("Placement").path("Constraints").toString());
    }

    private static String capabilities(JsonNode list) {
        TreeSet<String> names = new TreeSet<>();
        list.forEach(name -> names.add(name.asText()));
        return String.join(",", names);
    }
}
