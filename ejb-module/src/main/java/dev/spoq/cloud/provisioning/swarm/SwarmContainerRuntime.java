package dev.spoq.cloud.provisioning.swarm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.InvocationBuilder;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.spoq.cloud.provisioning.ContainerRuntime;
import dev.spoq.cloud.provisioning.ContainerSpec;
import dev.spoq.cloud.provisioning.LinuxLogin;
import dev.spoq.cloud.provisioning.ObservedContainer;
import dev.spoq.cloud.provisioning.ResourceUsage;
import dev.spoq.cloud.provisioning.RuntimeUnavailable;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Runs users' containers as Docker Swarm services, one service and one home volume per user (named by
 * {@link SwarmNames}). docker-java does the talking, except for writing service specs, which
 * {@link RawServiceApi} does (docker-java's model has no pids limit).
 */
@ApplicationScoped
public class SwarmContainerRuntime implements ContainerRuntime {

    private static final Logger LOG = Logger.getLogger(SwarmContainerRuntime.class.getName());

    @Inject
    @ConfigProperty(name = "spoq.docker.host", defaultValue = "unix:///var/run/docker.sock")
    String dockerHost;

    @Inject
    @ConfigProperty(name = "spoq.docker.network")
    Optional<String> network;

    @Inject
    @ConfigProperty(name = "spoq.docker.node-address")
    Optional<String> nodeAddressOverride;

    private DockerClient docker;
    private RawServiceApi services;

    @PostConstruct
    void connect() {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost).build();
        DockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofSeconds(60))
                .maxConnections(20)
                .build();
        docker = DockerClientImpl.getInstance(config, http);
        services = new RawServiceApi(http);
    }

    /** A lifecycle callback may throw no checked exception (CDI); a client that fails to close is only logged. */
    @PreDestroy
    void close() {
        try {
            docker.close();
        } catch (IOException e) {
            LOG.warning("Closing the Docker client: " + e.getMessage());
        }
    }

    @Override
    public void ensureRunning(ContainerSpec spec) {
        String name = SwarmNames.service(spec.subdomain());
        call("create or update " + name, () -> {
            ObjectNode wanted = SwarmServiceSpec.of(spec, network.orElse(""), 1);
            Optional<RawServiceApi.StoredService> existing = services.inspect(name);
            if (existing.isEmpty()) {
                services.create(wanted);
                LOG.info(() -> "Created service " + name);
            } else if (SwarmServiceSpec.differs(wanted, existing.get().spec())) {
                services.update(existing.get(), wanted);
                LOG.info(() -> "Updated service " + name);
            }
            return null;
        });
    }

    @Override
    public void suspend(String subdomain) {
        call("suspend " + subdomain, () -> {
            services.inspect(SwarmNames.service(subdomain))
                    .ifPresent(service -> services.update(service, SwarmServiceSpec.withReplicas(service.spec(), 0)));
            return null;
        });
    }

    @Override
    public void remove(String subdomain, boolean removeHome) {
        call("remove " + subdomain, () -> {
            try {
                docker.removeServiceCmd(SwarmNames.service(subdomain)).exec();
            } catch (NotFoundException alreadyGone) {
                LOG.fine(() -> "Service of " + subdomain + " was already removed");
            }
            if (removeHome) {
                removeVolumeWhenFree(SwarmNames.homeVolume(subdomain));
            }
            return null;
        });
    }

    @Override
    public Optional<ObservedContainer> observe(String subdomain) {
        return call("inspect " + subdomain, () -> docker.listServicesCmd()
                .withNameFilter(List.of(SwarmNames.service(subdomain))).exec().stream()
                .filter(s -> SwarmNames.service(subdomain).equals(s.getSpec().getName()))
                .findFirst().map(this::observed));
    }

    @Override
    public List<ObservedContainer> observeAll() {
        return call("list services", () -> docker.listServicesCmd()
                .withLabelFilter(Map.of(SwarmNames.LABEL_MANAGED, "true")).exec().stream()
                .map(this::observed).toList());
    }

    @Override
    public void applyLogins(String subdomain, List<LinuxLogin> logins) {
        String containerId = runningContainer(subdomain)
                .orElseThrow(() -> new RuntimeUnavailable("The computer of " + subdomain + " is not running"));
        ExecResult result = exec(containerId, List.of("SPOQ_ACCOUNTS=" + Base64.getEncoder()
                        .encodeToString(LoginsDocument.of(logins).getBytes(StandardCharsets.UTF_8))),
                "sh", "-c", "printf %s \"$SPOQ_ACCOUNTS\" | base64 -d | /usr/local/sbin/spoq-apply-accounts");
        if (result.exitCode() != 0) {
            throw new RuntimeUnavailable("Applying logins in " + subdomain + " failed: " + result.output().strip());
        }
    }

    @Override
    public Optional<ResourceUsage> usage(String subdomain) {
        return runningContainer(subdomain).map(containerId -> call("stats " + subdomain, () -> {
            Statistics stats = docker.statsCmd(containerId).withNoStream(true).exec(new InvocationBuilder.AsyncResultCallback<>())
                    .awaitResult();
            ExecResult du = exec(containerId, List.of(), "du", "-sxb", "/home");
            long storage = du.exitCode() == 0 ? Long.parseLong(du.output().strip().split("\\s+")[0]) : -1;
            return ContainerStats.usage(stats, storage);
        }));
    }

    @Override
    public List<String> hostKeys(String subdomain) {
        String containerId = runningContainer(subdomain)
                .orElseThrow(() -> new RuntimeUnavailable("The computer of " + subdomain + " is not running"));
        ExecResult result = exec(containerId, List.of(), "sh", "-c", "cat /home/.spoq/ssh_host_*_key.pub");
        if (result.exitCode() != 0) {
            throw new RuntimeUnavailable("Cannot read the host keys of " + subdomain + ": " + result.output().strip());
        }
        // a key line has its type and base64; drop the host-name comment
        return result.output().lines().map(String::strip).filter(l -> l.contains(" "))
                .map(l -> String.join(" ", java.util.Arrays.copyOf(l.split("\\s+"), 2))).toList();
    }

    private ObservedContainer observed(Service service) {
        Map<String, String> labels = service.getSpec().getLabels() == null ? Map.of() : service.getSpec().getLabels();
        Optional<UUID> userId = Optional.ofNullable(labels.get(SwarmNames.LABEL_USER)).map(UUID::fromString);
        String subdomain = labels.getOrDefault(SwarmNames.LABEL_SUBDOMAIN, service.getSpec().getName());
        Long replicas = service.getSpec().getMode() != null && service.getSpec().getMode().getReplicated() != null
                ? service.getSpec().getMode().getReplicated().getReplicas() : 0L;
        Optional<Task> task = newestTask(service.getSpec().getName());
        ObservedContainer.RunState state = task.map(t -> TaskStates.of(t.getStatus().getState().name()))
                .orElse(ObservedContainer.RunState.STARTING);
        String message = task.map(t -> Optional.ofNullable(t.getStatus().getErr()).orElse(t.getStatus().getMessage())).orElse("no task yet");
        String node = task.filter(t -> state == ObservedContainer.RunState.RUNNING).map(this::nodeAddress).orElse(null);
        return new ObservedContainer(subdomain, userId, replicas.intValue(), state, message, node);
    }

    private Optional<Task> newestTask(String serviceName) {
        return docker.listTasksCmd().withServiceFilter(serviceName).exec().stream()
                .max(Comparator.comparing(Task::getCreatedAt));
    }

    private Optional<String> runningContainer(String subdomain) {
        return call("find container of " + subdomain, () -> docker.listTasksCmd().withServiceFilter(SwarmNames.service(subdomain)).exec().stream()
                .filter(t -> "RUNNING".equals(t.getStatus().getState().name()))
                .max(Comparator.comparing(Task::getCreatedAt))
                .map(t -> t.getStatus().getContainerStatus().getContainerID()));
    }

    private String nodeAddress(Task task) {
        return nodeAddressOverride.orElseGet(() -> docker.listSwarmNodesCmd().withIdFilter(List.of(task.getNodeId())).exec()
                .stream().findFirst().map(n -> n.getStatus().getAddress()).orElse(null));
    }

    private ExecResult exec(String containerId, List<String> env, String... command) {
        return call("exec in " + containerId, () -> {
            String execId = docker.execCreateCmd(containerId).withEnv(env).withCmd(command)
                    .withAttachStdout(true).withAttachStderr(true).exec().getId();
            StringBuilder output = new StringBuilder();
            docker.execStartCmd(execId).exec(new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                    output.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
            }).awaitCompletion(60, TimeUnit.SECONDS);
            Long exit = docker.inspectExecCmd(execId).exec().getExitCodeLong();
            return new ExecResult(exit == null ? -1 : exit.intValue(), output.toString());
        });
    }

    private void removeVolumeWhenFree(String volume) throws InterruptedException {
        // the service's task stops asynchronously; its container holds the volume until then
        for (int attempt = 0; attempt < 30; attempt++) {
            try {
                docker.removeVolumeCmd(volume).exec();
                return;
            } catch (NotFoundException gone) {
                return;
            } catch (com.github.dockerjava.api.exception.ConflictException inUse) {
                Thread.sleep(1000);
            }
        }
        throw new RuntimeUnavailable("Volume " + volume + " is still in use after 30 s");
    }

    /** Every failure to talk to the engine becomes RuntimeUnavailable, with what we were doing. */
    private static <T> T call(String what, Checked<T> action) {
        try {
            return action.get();
        } catch (RuntimeUnavailable e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeUnavailable("Interrupted while trying to " + what, e);
        } catch (Exception e) {
            if (unreachable(e)) {
                // users read this reason on their dashboard: no Java exception names in it
                throw new RuntimeUnavailable("the container engine is not reachable right now", e);
            }
            throw new RuntimeUnavailable("Docker could not " + what + ": " + e.getMessage(), e);
        }
    }

    private static boolean unreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    @FunctionalInterface
    private interface Checked<T> {
        T get() throws Exception;
    }

    record ExecResult(int exitCode, String output) {
    }
}
