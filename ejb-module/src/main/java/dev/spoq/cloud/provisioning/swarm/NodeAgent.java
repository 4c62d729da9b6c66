package dev.spoq.cloud.provisioning.swarm;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import dev.spoq.cloud.provisioning.RuntimeUnavailable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The node's helper container, {@value #NAME}: a long-running container of the user image, with the node's own
 * root (--userns=host, --pid=host) and the capabilities for mounts and loop devices, that only sleeps. The node's
 * storage and backup helpers run in it by {@code docker exec}, which costs a few tens of milliseconds, where a
 * short-lived container per call cost half a second on the path to a new computer's first login. It is made on
 * first use, and made again when it is gone, stopped, or of another image than the one asked for.
 */
final class NodeAgent {

    static final String NAME = "spoq-node-agent";
    private static final String LABEL_IMAGE = "spoq.agent.image";
    private static final Logger LOG = Logger.getLogger(NodeAgent.class.getName());

    private final DockerClient docker;
    /** The agent's container id once known to run the image it was asked for; null until then. */
    private volatile String agent;
    private volatile String agentImage;

    /** @param docker a client whose response timeout is longer than any helper runs (an exec streams its output) */
    NodeAgent(DockerClient docker) {
        this.docker = docker;
    }

    /**
     * Runs {@code command} in the agent and waits for it, at most {@code timeoutSeconds} (then the command is
     * killed inside the agent: coreutils' timeout wraps it).
     */
    EngineExec.Result run(String image, List<String> command, int timeoutSeconds) {
        List<String> bounded = new ArrayList<>(List.of("timeout", "-k", "5", Integer.toString(timeoutSeconds)));
        bounded.addAll(command);
        try {
            return exec(agentFor(image), bounded, timeoutSeconds + 10);
        } catch (NotFoundException | ConflictException gone) {
            // removed or stopped behind our back (an engine restart, an operator): make it again, once
            LOG.info(() -> "The node agent was gone (" + gone.getMessage().strip() + "); starting it again");
            agent = null;
            return exec(agentFor(image), bounded, timeoutSeconds + 10);
        }
    }

    private EngineExec.Result exec(String containerId, List<String> command, int waitSeconds) {
        try {
            return EngineExec.run(docker, containerId, List.of(), command, waitSeconds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeUnavailable("Interrupted while the node's helper ran", e);
        }
    }

    private synchronized String agentFor(String image) {
        if (agent != null && image.equals(agentImage)) {
            return agent;
        }
        try {
            InspectContainerResponse found = docker.inspectContainerCmd(NAME).exec();
            Map<String, String> labels = found.getConfig().getLabels();
            boolean sameImage = labels != null && image.equals(labels.get(LABEL_IMAGE));
            if (sameImage && Boolean.TRUE.equals(found.getState().getRunning())) {
                return remember(found.getId(), image);
            }
            if (sameImage) {
                docker.startContainerCmd(found.getId()).exec();
                return remember(found.getId(), image);
            }
            LOG.info(() -> "The node agent runs another image; replacing it with " + image);
            docker.removeContainerCmd(found.getId()).withForce(true).exec();
        } catch (NotFoundException none) {
            LOG.fine("No node agent yet");
        }
        present(image);
        try {
            String id = docker.createContainerCmd(image).withName(NAME)
                    .withEntrypoint("sleep").withCmd("infinity")
                    .withLabels(Map.of(SwarmNames.LABEL_MANAGED, "agent", LABEL_IMAGE, image))
                    .withHostConfig(HostConfig.newHostConfig()
                            // not --privileged: that asks for every capability, and an engine that lacks one
                            // (here CAP_SYS_RESOURCE) cannot start the container at all
                            .withCapAdd(Capability.SYS_ADMIN, Capability.SYS_CHROOT, Capability.SYS_PTRACE)
                            .withSecurityOpts(List.of("seccomp=unconfined", "apparmor=unconfined"))
                            .withDeviceCgroupRules(List.of("b 7:* rwm", "c 10:237 rwm")) // loop devices, loop-control
                            .withPidMode("host").withUsernsMode("host").withNetworkMode("none")
                            .withRestartPolicy(RestartPolicy.unlessStoppedRestart()))
                    .exec().getId();
            docker.startContainerCmd(id).exec();
            LOG.info(() -> "Started the node agent " + id.substring(0, 12));
            return remember(id, image);
        } catch (ConflictException raced) {
            // another control plane made it meanwhile: use theirs
            InspectContainerResponse theirs = docker.inspectContainerCmd(NAME).exec();
            if (!Boolean.TRUE.equals(theirs.getState().getRunning())) {
                docker.startContainerCmd(theirs.getId()).exec();
            }
            return remember(theirs.getId(), image);
        }
    }

    private String remember(String id, String image) {
        agentImage = Objects.requireNonNull(image);
        agent = id;
        return id;
    }

    /** Swarm pulls the image for its tasks; the agent is the engine's own container, so pull it when missing. */
    private void present(String image) {
        try {
            docker.inspectImageCmd(image).exec();
        } catch (NotFoundException missing) {
            try {
                docker.pullImageCmd(image).exec(new PullImageResultCallback()).awaitCompletion(300, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RuntimeUnavailable("Interrupted while pulling " + image, e);
            }
        }
    }
}
