package dev.spoq.cloud.provisioning.swarm;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.spoq.cloud.provisioning.RuntimeUnavailable;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One {@code docker exec} in a running container, waited for: its exit code, stdout and stderr. */
final class EngineExec {

    private EngineExec() {
    }

    /** @param stdout what the command wrote to stdout; {@code stderr} the same for stderr */
    record Result(int exit, String stdout, String stderr) {
        /** Both, for a message. */
        String output() {
            return stdout + stderr;
        }
    }

    static Result run(DockerClient docker, String containerId, List<String> env, List<String> command, long waitSeconds)
            throws InterruptedException {
        String execId = docker.execCreateCmd(containerId).withEnv(env).withCmd(command.toArray(String[]::new))
                .withAttachStdout(true).withAttachStderr(true).exec().getId();
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        boolean ended = docker.execStartCmd(execId).exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                (frame.getStreamType() == StreamType.STDERR ? err : out)
                        .append(new String(frame.getPayload(), StandardCharsets.UTF_8));
            }
        }).awaitCompletion(waitSeconds, TimeUnit.SECONDS);
        if (!ended) {
            throw new RuntimeUnavailable("`" + command.get(0) + "` in " + containerId + " did not finish within " + waitSeconds + " s");
        }
        return new Result(exitCode(docker, execId), out.toString(), err.toString());
    }

    /** The stream may end a moment before the engine records the exit code. */
    private static int exitCode(DockerClient docker, String execId) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            var exec = docker.inspectExecCmd(execId).exec();
            if (!Boolean.TRUE.equals(exec.isRunning()) && exec.getExitCodeLong() != null) {
                return exec.getExitCodeLong().intValue();
            }
            Thread.sleep(10);
        }
        throw new RuntimeUnavailable("`docker exec` " + execId + " gave no exit code");
    }
}
