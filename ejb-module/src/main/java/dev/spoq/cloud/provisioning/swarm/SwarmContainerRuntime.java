package dev.spoq.cloud.provisioning.swarm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.InvocationBuilder;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.spoq.cloud.provisioning.ContainerRuntime;
import dev.spoq.cloud.provisioning.ContainerSettings;
import dev.spoq.cloud.provisioning.ContainerSpec;
import dev.spoq.cloud.provisioning.LoginsState;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Runs users' containers as Docker Swarm services, one service and one home volume per user (named by
 * {@link SwarmNames}). docker-java does the talking, except for writing service specs, which
 * {@link RawServiceApi} does (docker-java's model has no pids limit).
 */
@ApplicationScoped
public class SwarmContainerRuntime implements ContainerRuntime {

    private static final Duration STATS_TIMEOUT = Duration.ofSeconds(15);

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

    @Inject
    ContainerSettings settings;

    private DockerClient docker;
    private DockerClient helpersDocker;
    private RawServiceApi services;
    private HomeDisks disks;
    /** The swarm node of the engine we talk to: it holds the computers' disks, so they run there. */
    private volatile String localNode;
    /** Image references resolved to digests once per start of the control plane: a tag moved later changes nothing. */
    private final Map<String, String> pinnedImages = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * One lock per computer around what touches its disk or its service's replicas: a restore keeps the
     * computer stopped until its new home is in place, and an ENSURE from the reconciler meanwhile waits for it
     * instead of starting the computer on a half-restored home.
     */
    private final Map<String, ReentrantLock> homeLocks = new ConcurrentHashMap<>();

    @PostConstruct
    void connect() {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost).build();
        DockerHttpClient http = httpClient(config, Duration.ofSeconds(60));
        docker = DockerClientImpl.getInstance(config, http);
        services = new RawServiceApi(http);
        // the node's helpers stream their output on one exec for as long as they run (a disk copy: minutes)
        helpersDocker = DockerClientImpl.getInstance(config, httpClient(config, Duration.ofMinutes(20)));
        disks = new HomeDisks(new NodeAgent(helpersDocker));
    }

    private static DockerHttpClient httpClient(DefaultDockerClientConfig config, Duration responseTimeout) {
        return new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(responseTimeout)
                .maxConnections(20)
                .build();
    }

    /** A lifecycle callback may throw no checked exception (CDI); a client that fails to close is only logged. */
    @PreDestroy
    void close() {
        try {
            docker.close();
            helpersDocker.close();
        } catch (IOException e) {
            LOG.warning("Closing the Docker client: " + e.getMessage());
        }
    }

    @Override
    public void ensureRunning(ContainerSpec spec) {
        ensureRunning(spec, () -> new LoginsState(List.of(), List.of()), stage -> { });
    }

    @Override
    public void ensureRunning(ContainerSpec spec, Supplier<LoginsState> initialLogins, Consumer<String> reached) {
        String name = SwarmNames.service(spec.subdomain());
        underHomeLock(spec.subdomain(), () -> call("create or update " + name, () -> {
            Optional<RawServiceApi.StoredService> existing = services.inspect(name);
            String home = prepareHome(spec, existing);
            reached.accept("home disk");
            ContainerSpec byDigest = new ContainerSpec(spec.userId(), spec.subdomain(), pinned(spec.image()), spec.nanoCpus(),
                    spec.memoryBytes(), spec.pidsLimit(), spec.sshPort(), spec.storageBytes());
            ObjectNode wanted = SwarmServiceSpec.of(byDigest, network.orElse(""), 1, home, localNode());
            existing = services.inspect(name);
            if (existing.isEmpty()) {
                // the image's entrypoint makes these accounts before sshd starts, on a home that has none yet
                SwarmServiceSpec.withInitialAccounts(wanted, LoginsDocument.of(initialLogins.get()));
                services.create(wanted);
                reached.accept("service create");
                LOG.info(() -> "Created service " + name);
            } else if (SwarmServiceSpec.differs(wanted, existing.get().spec())) {
                services.update(existing.get(), wanted);
                LOG.info(() -> "Updated service " + name);
                reached.accept("service update");
            } else {
                reached.accept("service as wanted");
            }
            return null;
        }));
    }

    /**
     * The computer's own disk, made, mounted and grown to the spec's size, and its home volume a bind of
     * it. A home still on a plain Docker volume (made before disks) is copied onto the disk once, with
     * the computer stopped; so is a disk that can grow only offline.
     */
    private String prepareHome(ContainerSpec spec, Optional<RawServiceApi.StoredService> existing) throws InterruptedException {
        String volume = SwarmNames.homeVolume(spec.subdomain());
        Optional<InspectVolumeResponse> current = inspectVolume(volume);
        boolean plainVolume = current.isPresent()
                && (current.get().getOptions() == null || !current.get().getOptions().containsKey("device"));
        if (plainVolume) {
            stop(existing);
            String home = disks.ensure(pinned(settings.image()), spec.subdomain(), spec.storageBytes(),
                    Optional.of(current.get().getMountpoint()));
            removeVolumeWhenFree(volume);
            LOG.info(() -> "Moved the home of " + spec.subdomain() + " from its plain volume onto its own disk");
            return home;
        }
        try {
            return disks.ensure(pinned(settings.image()), spec.subdomain(), spec.storageBytes(), Optional.empty());
        } catch (HomeDisks.InUse busy) {
            LOG.info(() -> "The disk of " + spec.subdomain() + " grows offline: " + busy.getMessage());
            stop(existing);
            return disks.ensure(pinned(settings.image()), spec.subdomain(), spec.storageBytes(), Optional.empty());
        }
    }

    /** Scales the service to 0 and waits until its container is gone (the next update starts it again). */
    private void stop(Optional<RawServiceApi.StoredService> existing) throws InterruptedException {
        if (existing.isEmpty()) {
            return;
        }
        String name = existing.get().spec().path("Name").asText();
        services.update(existing.get(), SwarmServiceSpec.withReplicas(existing.get().spec(), 0));
        for (int attempt = 0; attempt < 60; attempt++) {
            boolean anyContainer = !docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of("com.docker.swarm.service.name", name)).exec().isEmpty();
            if (!anyContainer) {
                return;
            }
            Thread.sleep(500);
        }
        throw new RuntimeUnavailable("The computer " + name + " did not stop within 30 s");
    }

    /** The service runs the image by digest, never a tag that each start would pull anew. */
    private String pinned(String image) {
        return image.contains("@") ? image
                : pinnedImages.computeIfAbsent(image, tag -> SwarmServiceSpec.pinned(tag, services.digestOf(tag)));
    }

    private Optional<InspectVolumeResponse> inspectVolume(String volume) {
        try {
            return Optional.of(docker.inspectVolumeCmd(volume).exec());
        } catch (NotFoundException none) {
            return Optional.empty();
        }
    }

    private String localNode() {
        if (localNode == null) {
            localNode = docker.infoCmd().exec().getSwarm().getNodeID();
        }
        return localNode;
    }

    @Override
    public void suspend(String subdomain) {
        underHomeLock(subdomain, () -> call("suspend " + subdomain, () -> {
            services.inspect(SwarmNames.service(subdomain))
                    .ifPresent(service -> services.update(service, SwarmServiceSpec.withReplicas(service.spec(), 0)));
            return null;
        }));
    }

    @Override
    public void remove(String subdomain, boolean removeHome) {
        underHomeLock(subdomain, () -> call("remove " + subdomain, () -> {
            try {
                docker.removeServiceCmd(SwarmNames.service(subdomain)).exec();
            } catch (NotFoundException alreadyGone) {
                LOG.fine(() -> "Service of " + subdomain + " was already removed");
            }
            if (removeHome) {
                removeVolumeWhenFree(SwarmNames.homeVolume(subdomain));
                disks.remove(pinned(settings.image()), subdomain);
            }
            return null;
        }));
    }

    @Override
    public Optional<Path> copyHome(String subdomain) {
        return underHomeLock(subdomain, () -> call("copy the home of " + subdomain,
                () -> disks.copy(pinned(settings.image()), subdomain).map(Path::of)));
    }

    @Override
    public void releaseHomeCopy(String subdomain) {
        underHomeLock(subdomain, () -> call("drop the copy of the home of " + subdomain, () -> {
            disks.dropCopy(pinned(settings.image()), subdomain);
            return null;
        }));
    }

    @Override
    public void replaceHome(String subdomain, Consumer<Path> restore) {
        String name = SwarmNames.service(subdomain);
        underHomeLock(subdomain, () -> {
            String image = call("resolve the image", () -> pinned(settings.image()));
            int replicas = call("stop " + name, () -> {
                Optional<RawServiceApi.StoredService> existing = services.inspect(name);
                stop(existing);
                return existing.map(s -> s.spec().path("Mode").path("Replicated").path("Replicas").asInt(0)).orElse(0);
            });
            try {
                Path target = Path.of(call("prepare the restore of " + subdomain, () -> disks.restoreDirectory(image, subdomain)));
                try {
                    restore.accept(target);
                } catch (RuntimeException failed) {
                    disks.abandonRestore(image, subdomain);
                    throw failed;
                }
                call("swap in the restored home of " + subdomain, () -> {
                    disks.swapInRestore(image, subdomain);
                    return null;
                });
                LOG.info(() -> "Replaced the home of " + subdomain);
            } finally {
                if (replicas > 0) {
                    call("start " + name + " again", () -> {
                        services.inspect(name).ifPresent(s -> services.update(s, SwarmServiceSpec.withReplicas(s.spec(), replicas)));
                        return null;
                    });
                }
            }
            return null;
        });
    }

    private <T> T underHomeLock(String subdomain, Supplier<T> work) {
        ReentrantLock lock = homeLocks.computeIfAbsent(subdomain, s -> new ReentrantLock());
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
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
    public void applyLogins(String subdomain, LoginsState logins) {
        String containerId = runningContainer(subdomain)
                .orElseThrow(() -> new RuntimeUnavailable("The computer of " + subdomain + " is not running"));
        EngineExec.Result result = exec(containerId, List.of("SPOQ_ACCOUNTS=" + Base64.getEncoder()
                        .encodeToString(LoginsDocument.of(logins).getBytes(StandardCharsets.UTF_8))),
                "sh", "-c", "printf %s \"$SPOQ_ACCOUNTS\" | base64 -d | /usr/local/sbin/spoq-apply-accounts");
        if (result.exit() != 0) {
            throw new RuntimeUnavailable("Applying logins in " + subdomain + " failed: " + result.output().strip());
        }
    }

    /**
     * The first sync of a computer, in one exec: waits (up to 10 s) until the entrypoint is done (an image whose
     * entrypoint marks no start: until the host keys exist), applies the logins unless they are the very ones the
     * entrypoint has just made from the service's initial accounts, then prints the host keys.
     */
    private static final String FIRST_SYNC = "if grep -q spoq-started /usr/local/sbin/spoq-entrypoint; "
            + "then ready='[ -e /run/spoq-started ]'; "
            + "else ready='[ -s /home/.spoq/ssh_host_ed25519_key.pub ] && [ -s /home/.spoq/ssh_host_ecdsa_key.pub ]'; fi; "
            + "for i in $(seq 1 500); do eval \"$ready\" && break; sleep 0.02; done; "
            + "if [ \"$(printf %s \"$SPOQ_ACCOUNTS\" | sha256sum)\" != \"$(cat /run/spoq-initial-accounts.sha256 2>/dev/null)\" ]; then "
            + "printf %s \"$SPOQ_ACCOUNTS\" | base64 -d | /usr/local/sbin/spoq-apply-accounts >&2 || exit 1; fi; "
            + "rm -f /run/spoq-initial-accounts.sha256; cat /home/.spoq/ssh_host_*_key.pub";

    /** One exec: the logins, then the host keys (see {@link #FIRST_SYNC}). */
    @Override
    public List<String> applyLoginsAndReadHostKeys(String subdomain, LoginsState logins) {
        String containerId = runningContainer(subdomain)
                .orElseThrow(() -> new RuntimeUnavailable("The computer of " + subdomain + " is not running"));
        EngineExec.Result result = exec(containerId, List.of("SPOQ_ACCOUNTS=" + Base64.getEncoder()
                        .encodeToString(LoginsDocument.of(logins).getBytes(StandardCharsets.UTF_8))),
                "sh", "-c", FIRST_SYNC);
        if (result.exit() != 0) {
            throw new RuntimeUnavailable("Applying logins in " + subdomain + " failed: " + result.output().strip());
        }
        return keyLines(result.stdout());
    }

    @Override
    public Optional<ResourceUsage> usage(String subdomain) {
        return runningContainer(subdomain).filter(this::notFrozen).map(containerId -> call("stats " + subdomain, () -> {
            Statistics stats = statsOf(containerId, subdomain);
            // the home is a filesystem of its own: its used and total blocks are the real usage and limit
            EngineExec.Result df = exec(containerId, List.of(), "df", "-B1", "--output=used,size", "/home");
            String[] figures = df.exit() == 0 ? df.stdout().strip().lines().reduce((a, b) -> b).orElse("").strip()
                    .split("\\s+") : new String[0];
            return figures.length == 2
                    ? ContainerStats.usage(stats, Long.parseLong(figures[0]), Long.parseLong(figures[1]))
                    : ContainerStats.usage(stats, -1, -1);
        }));
    }

    /**
     * One stats reading, bounded: the engine never answers for a container that stops or freezes during the call, and
     * an unbounded wait kept a sampler thread forever (then every thread that sampled that computer after it).
     */
    private Statistics statsOf(String containerId, String subdomain) throws Exception {
        InvocationBuilder.AsyncResultCallback<Statistics> reading = docker.statsCmd(containerId).withNoStream(true)
                .exec(new InvocationBuilder.AsyncResultCallback<>());
        try {
            if (!reading.awaitCompletion(STATS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new RuntimeUnavailable("The engine gave no stats of " + subdomain + " within " + STATS_TIMEOUT.toSeconds() + " s");
            }
            return reading.awaitResult();
        } finally {
            reading.close();
        }
    }

    @Override
    public Map<String, Duration> cpuTimes() {
        return call("read CPU times", () -> {
            Map<String, Duration> times = new java.util.HashMap<>();
            for (var container : docker.listContainersCmd().withLabelFilter(Map.of(SwarmNames.LABEL_MANAGED, "true")).exec()) {
                String subdomain = container.getLabels() == null ? null : container.getLabels().get(SwarmNames.LABEL_SUBDOMAIN);
                if (subdomain != null && "running".equals(container.getState())) {
                    try {
                        times.merge(subdomain, Duration.ofNanos(services.cpuNanos(container.getId())), (a, b) -> a.compareTo(b) > 0 ? a : b);
                    } catch (RuntimeUnavailable stoppedMeanwhile) {
                        LOG.fine(() -> "No stats for " + subdomain + ": " + stoppedMeanwhile.getMessage());
                    }
                }
            }
            return times;
        });
    }

    @Override
    public List<String> hostKeys(String subdomain) {
        String containerId = runningContainer(subdomain)
                .orElseThrow(() -> new RuntimeUnavailable("The computer of " + subdomain + " is not running"));
        EngineExec.Result result = exec(containerId, List.of(), "sh", "-c", "cat /home/.spoq/ssh_host_*_key.pub");
        if (result.exit() != 0) {
            throw new RuntimeUnavailable("Cannot read the host keys of " + subdomain + ": " + result.output().strip());
        }
        return keyLines(result.stdout());
    }

    /** A key line has its type and base64; the host-name comment is dropped. */
    private static List<String> keyLines(String output) {
        return output.lines().map(String::strip).filter(l -> l.startsWith("ssh-") || l.startsWith("ecdsa-"))
                .filter(l -> l.contains(" "))
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

    /**
     * A frozen container ({@code docker pause}, or a freeze nobody undid) is still a running task to Swarm, so the
     * reconciler sees nothing to repair; but nothing in it answers, so it has no usage and counts as down.
     */
    private boolean notFrozen(String containerId) {
        return call("inspect " + containerId, () -> {
            var state = docker.inspectContainerCmd(containerId).exec().getState();
            return state != null && Boolean.TRUE.equals(state.getRunning()) && !Boolean.TRUE.equals(state.getPaused());
        });
    }

    private String nodeAddress(Task task) {
        return nodeAddressOverride.orElseGet(() -> docker.listSwarmNodesCmd().withIdFilter(List.of(task.getNodeId())).exec()
                .stream().findFirst().map(n -> n.getStatus().getAddress()).orElse(null));
    }

    private EngineExec.Result exec(String containerId, List<String> env, String... command) {
        return call("exec in " + containerId, () -> EngineExec.run(docker, containerId, env, List.of(command), 60));
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

}
