package dev.spoq.cloud.provisioning.swarm;

import dev.spoq.cloud.provisioning.RuntimeUnavailable;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Each computer's home as a filesystem of its own size: the node's storage helper
 * (scripts/spoq-home-disk, installed by the node setup at {@value #HELPER}) makes, mounts, grows and
 * removes a loop-mounted ext4 image per computer. The control plane reaches the node only through the
 * engine, so the helper runs in the node's agent container ({@link NodeAgent}) and enters the engine's
 * mount namespace from there.
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

    private final NodeAgent agent;

    HomeDisks(NodeAgent agent) {
        this.agent = agent;
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
        EngineExec.Result result = run(image, args);
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
        EngineExec.Result result = run(image, List.of("remove", subdomain));
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
        EngineExec.Result result = run(image, ENTER_ENGINE_NAMESPACE_SNAPSHOT, List.of("take", subdomain), 900);
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

    private static String lastPath(EngineExec.Result result, String what) {
        String last = lastLine(result, what);
        if (!last.startsWith("/")) {
            throw new RuntimeUnavailable("The node's backup helper gave no path to " + what + ": " + result.stdout().strip());
        }
        return last;
    }

    private static String lastLine(EngineExec.Result result, String what) {
        if (result.exit() != 0) {
            throw new RuntimeUnavailable("The node could not " + what + ": " + result.stderr().strip());
        }
        List<String> lines = result.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    private EngineExec.Result run(String image, List<String> args) {
        return run(image, ENTER_ENGINE_NAMESPACE, args, 120);
    }

    private EngineExec.Result run(String image, String script, List<String> args, int timeoutSeconds) {
        List<String> command = new ArrayList<>(List.of("sh", "-c", script, "spoq-home-disk"));
        command.addAll(args);
        return agent.run(image, command, timeoutSeconds);
    }
}
