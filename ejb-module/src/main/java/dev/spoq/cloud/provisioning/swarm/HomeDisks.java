package dev.spoq.cloud.provisioning.swarm;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import dev.spoq.cloud.provisioning.RuntimeUnavailable;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Each computer's home as a filesystem of its own size: the node's storage helper
 * (scripts/spoq-home-disk, installed by the node setup at {@value #HELPER}) makes, mounts, grows and
 * removes a loop-mounted ext4 image per computer. The control plane reaches the node only through the
 * engine, so the helper runs in a short-lived container of the user image that enters the engine's
 * mount namespace (with --userns=host: the node's own root, not a computer's remapped one; with the
 * capabilities for mounts and loop devices, not --privileged).
 */
final class HomeDisks {

    static final String HELPER = "/usr/local/sbin/spoq-home-disk";
    /** Its backup helper (scripts/spoq-home-snapshot): a frozen copy for a backup, the swap of a restore. */
    static final String SNAPSHOT_HELPER = "/usr/local/sbin/spoq-home-snapshot";
    /** The backup helper's answer when the computer has no disk on this node. */
    private static final int NO_DISK = 4;
    /** The helper's answer when a disk in use cannot grow online: stop the computer and ask again. */
    private static final int IN_USE = 3;

    /**
     * The engine's own mount namespace (where its volumes are mounted), entered through dockerd's pid:
     * pid 1 of the node may refuse to be entered, the engine cannot.
     */
    private static final String ENTER_ENGINE_NAMESPACE = enterEngineNamespace(HELPER);
    private static final String ENTER_ENGINE_NAMESPACE_SNAPSHOT = enterEngineNamespace(SNAPSHOT_HELPER);

    private static String enterEngineNamespace(String helper) {
        return "exec nsenter -t \"$(pgrep -xo dockerd)\" -m -- " + helper + " \"$@\"";
    }

    private final DockerClient docker;

    HomeDisks(DockerClient docker) {
        this.docker = docker;
    }

    /** Thrown when the disk must grow and can only do so while its computer is stopped. */
    static final class InUse extends RuntimeException {
        InUse(String message) {
            super(message);
        }
    }

    /**
     * Makes sure the disk exists, is mounted and holds at least {@code bytes}; the first time, copies
     * {@code formerVolumeDir} (the computer's former plain Docker volume) into it.
     *
     * @return the node path the computer's home volume binds
     */
    String ensure(String image, String subdomain, long bytes, Optional<String> formerVolumeDir) {
        List<String> args = new ArrayList<>(List.of("ensure", subdomain, Long.toString(bytes)));
        formerVolumeDir.ifPresent(args::add);
        Result result = run(image, args);
        if (result.exit() == IN_USE) {
            throw new InUse(result.stderr().strip());
        }
        if (result.exit() != 0) {
            throw new RuntimeUnavailable("The node could not prepare the disk of " + subdomain + ": " + result.stderr().strip());
        }
        List<String> lines = result.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty() || !lines.get(lines.size() - 1).startsWith("/")) {
            throw new RuntimeUnavailable("The node's storage helper gave no path for " + subdomain + ": " + result.stdout().strip());
        }
        return lines.get(lines.size() - 1);
    }

    /** Unmounts and deletes the disk (the user's files with it). */
    void remove(String image, String subdomain) {
        Result result = run(image, List.of("remove", subdomain));
        if (result.exit() != 0) {
            throw new RuntimeUnavailable("The node could not remove the disk of " + subdomain + ": " + result.stderr().strip());
        }
    }

    /**
     * A frozen, read-only copy of the computer's disk, mounted on the node (the disk waits for writes only
     * while it is copied; see scripts/spoq-home-snapshot); empty when the computer has no disk on this node.
     *
     * @return the node path of the copy's home
     */
    Optional<String> copy(String image, String subdomain) {
        Result result = run(image, ENTER_ENGINE_NAMESPACE_SNAPSHOT, List.of("take", subdomain), 900);
        if (result.exit() == NO_DISK) {
            return Optional.empty();
        }
        return Optional.of(lastPath(result, "copy the disk of " + subdomain));
    }

    void dropCopy(String image, String subdomain) {
        lastLine(run(image, ENTER_ENGINE_NAMESPACE_SNAPSHOT, List.of("drop", subdomain), 120), "drop the copy of " + subdomain);
    }

    /** An empty directory on the (stopped) computer's disk for the files of a restore: its node path. */
    String restoreDirectory(String image, String subdomain) {
        return lastPath(run(image, ENTER_ENGINE_NAMESPACE_SNAPSHOT, List.of("restore-dir", subdomain), 120),
                "prepare a restore of " + subdomain);
    }

    /** The restore's directory becomes the home; the old home is deleted. */
    void swapInRestore(String image, String subdomain) {
        lastPath(run(image, ENTER_ENGINE_NAMESPACE_SNAPSHOT, List.of("restore-swap", subdomain), 600),
                "swap in the restore of " + subdomain);
    }

    void abandonRestore(String image, String subdomain) {
        lastLine(run(image, ENTER_ENGINE_NAMESPACE_SNAPSHOT, List.of("restore-abandon", subdomain), 600),
                "abandon the restore of " + subdomain);
    }

    private static String lastPath(Result result, String what) {
        String last = lastLine(result, what);
        if (!last.startsWith("/")) {
            throw new RuntimeUnavailable("The node's backup helper gave no path to " + what + ": " + result.stdout().strip());
        }
        return last;
    }

    private static String lastLine(Result result, String what) {
        if (result.exit() != 0) {
            throw new RuntimeUnavailable("The node could not " + what + ": " + result.stderr().strip());
        }
        List<String> lines = result.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    private record Result(int exit, String stdout, String stderr) {
    }

    private Result run(String image, List<String> args) {
        return run(image, ENTER_ENGINE_NAMESPACE, args, 120);
    }

    private Result run(String image, String script, List<String> args, int timeoutSeconds) {
        List<String> command = new ArrayList<>(List.of("-c", script, "spoq-home-disk"));
        command.addAll(args);
        present(image);
        String id = docker.createContainerCmd(image)
                .withEntrypoint("sh").withCmd(command)
                .withLabels(Map.of(SwarmNames.LABEL_MANAGED, "helper"))
                .withHostConfig(HostConfig.newHostConfig()
                        // not --privileged: that asks for every capability, and an engine that lacks one
                        // (here CAP_SYS_RESOURCE) cannot start the container at all
                        .withCapAdd(Capability.SYS_ADMIN, Capability.SYS_CHROOT, Capability.SYS_PTRACE)
                        .withSecurityOpts(List.of("seccomp=unconfined", "apparmor=unconfined"))
                        .withDeviceCgroupRules(List.of("b 7:* rwm", "c 10:237 rwm")) // loop devices, loop-control
                        .withPidMode("host").withUsernsMode("host").withNetworkMode("none"))
                .exec().getId();
        try {
            docker.startContainerCmd(id).exec();
            int exit = awaitExit(id, timeoutSeconds);
            StringBuilder out = new StringBuilder();
            StringBuilder err = new StringBuilder();
            docker.logContainerCmd(id).withStdOut(true).withStdErr(true).exec(new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                    (frame.getStreamType().name().equals("STDERR") ? err : out)
                            .append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
            }).awaitCompletion(30, TimeUnit.SECONDS);
            return new Result(exit, out.toString(), err.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeUnavailable("Interrupted while the node's storage helper ran", e);
        } finally {
            docker.removeContainerCmd(id).withForce(true).exec();
        }
    }

    /**
     * Polls rather than waits: the engine's wait is one HTTP request, which the client's 60 s response timeout
     * would cut for a helper that runs longer (copying a large disk).
     */
    private int awaitExit(String id, int timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (true) {
            var state = docker.inspectContainerCmd(id).exec().getState();
            if (!Boolean.TRUE.equals(state.getRunning()) && state.getFinishedAt() != null && !state.getFinishedAt().startsWith("0001")) {
                return state.getExitCodeLong() == null ? -1 : state.getExitCodeLong().intValue();
            }
            if (System.nanoTime() > deadline) {
                throw new RuntimeUnavailable("The node's storage helper did not finish within " + timeoutSeconds + " s");
            }
            Thread.sleep(200);
        }
    }

    /** Swarm pulls the image for its tasks; the helper container is the engine's own, so pull it when missing. */
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
