package dev.spoq.cloud.backup.restic;

import dev.spoq.cloud.backup.BackupFailed;
import dev.spoq.cloud.backup.BackupRepository;
import dev.spoq.cloud.backup.BackupSettings;
import dev.spoq.cloud.backup.Snapshot;
import dev.spoq.cloud.backup.StoredSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * {@link BackupRepository} over the restic CLI (Debian's {@code restic}), the one place that runs it. The
 * repository and its key come from {@link BackupSettings}; the key reaches restic only through its
 * environment. The repository is initialised on first use. Reads of users' files run niced (CPU and I/O:
 * {@code nice -n 19 ionice -c 2 -n 7}) with an optional upload limit, so that a backup costs the computers
 * on the node little.
 */
@ApplicationScoped
public class ResticRepository implements BackupRepository {

    private static final Logger LOG = Logger.getLogger(ResticRepository.class.getName());
    /** Every snapshot carries the same host name: the repository is the platform's, not one machine's. */
    static final String HOST = "spoq";
    private static final Duration SHORT = Duration.ofMinutes(2);
    private static final Duration LONG = Duration.ofHours(6);
    /** restic 0.14 has no --retry-lock: a restore or backup that meets a prune's lock tries again for this long. */
    private static final Duration LOCK_PATIENCE = Duration.ofMinutes(5);

    @Inject
    BackupSettings settings;

    private volatile boolean initialised;

    /** For a test outside the container: the repository and key given directly. */
    public static ResticRepository of(BackupSettings settings) {
        ResticRepository restic = new ResticRepository();
        restic.settings = settings;
        return restic;
    }

    @Override
    public StoredSnapshot backupDirectory(Path directory, Map<String, String> tags) {
        List<String> args = new ArrayList<>(List.of("backup", "--json", "--host", HOST));
        args.addAll(tagArgs(tags));
        args.addAll(uploadLimit());
        // ".": the snapshot holds the directory's contents, so that a restore puts them straight into a target
        args.add(".");
        Result result = lockPatient(() -> run(args, directory, LONG, true));
        return stored(result, "back up " + directory);
    }

    @Override
    public StoredSnapshot backupOutputOf(ProcessBuilder producer, String fileName, Map<String, String> tags) {
        ensureRepository();
        List<String> args = new ArrayList<>(List.of("backup", "--json", "--host", HOST, "--stdin", "--stdin-filename", fileName));
        args.addAll(tagArgs(tags));
        args.addAll(uploadLimit());
        Path producerErr = tempFile("producer-err");
        Path out = tempFile("out");
        Path err = tempFile("err");
        try {
            producer.redirectError(producerErr.toFile());
            ProcessBuilder restic = builder(args, null);
            restic.redirectOutput(out.toFile()).redirectError(err.toFile());
            List<Process> pipeline = ProcessBuilder.startPipeline(List.of(producer, restic));
            int producerExit = waitFor(pipeline.get(0), LONG);
            int resticExit = waitFor(pipeline.get(1), LONG);
            Result result = new Result(resticExit, Files.readString(out), Files.readString(err));
            StoredSnapshot stored = stored(result, "back up the output of " + producer.command().get(0));
            if (producerExit != 0) {
                // restic kept what it was given: a cut-off dump must not pass for a backup
                run(List.of("forget", stored.id()), null, SHORT, false);
                throw new BackupFailed(producer.command().get(0) + " failed (exit " + producerExit + "): "
                        + tail(Files.readString(producerErr)));
            }
            return stored;
        } catch (IOException e) {
            throw new BackupFailed("Could not run " + producer.command().get(0) + " into restic: " + e.getMessage(), e);
        } finally {
            deleteQuietly(producerErr, out, err);
        }
    }

    @Override
    public List<Snapshot> snapshotsTagged(String key, String value) {
        ensureRepository();
        return ResticJson.snapshots(run(List.of("snapshots", "--json", "--no-lock", "--tag", key + "=" + value), null, SHORT, false)
                .ok("list snapshots").stdout());
    }

    @Override
    public Optional<Snapshot> find(String id) {
        ensureRepository();
        List<Snapshot> found = ResticJson.snapshots(run(List.of("snapshots", "--json", "--no-lock", id), null, SHORT, false)
                .ok("look up snapshot " + id).stdout());
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    @Override
    public void restore(String snapshotId, Path target) {
        ensureRepository();
        lockPatient(() -> run(List.of("restore", snapshotId, "--target", target.toString()), null, LONG, true))
                .ok("restore snapshot " + snapshotId);
    }

    @Override
    public void forget(List<String> snapshotIds) {
        if (snapshotIds.isEmpty()) {
            return;
        }
        ensureRepository();
        List<String> args = new ArrayList<>(List.of("forget", "--prune"));
        args.addAll(snapshotIds);
        lockPatient(() -> run(args, null, LONG, true)).ok("forget " + snapshotIds.size() + " snapshots");
    }

    @Override
    public void applyRetention(int daily, int weekly) {
        ensureRepository();
        // one series per computer (its tags) and one for the database: each keeps its own days and weeks
        lockPatient(() -> run(List.of("forget", "--prune", "--group-by", "host,tags", "--keep-daily", Integer.toString(daily),
                "--keep-weekly", Integer.toString(weekly)), null, LONG, true)).ok("apply retention");
    }

    /** `restic init` once, when the repository does not exist yet; a wrong key is an error, never a new repository. */
    void ensureRepository() {
        if (initialised) {
            return;
        }
        synchronized (this) {
            if (initialised) {
                return;
            }
            Result config = run(List.of("cat", "config"), null, SHORT, false);
            if (config.exit() != 0) {
                if (!ResticJson.isMissingRepository(config.stderr())) {
                    throw new BackupFailed("The backup repository " + settings.repository() + " cannot be opened: " + tail(config.stderr()));
                }
                run(List.of("init"), null, SHORT, false).ok("initialise the repository " + settings.repository());
                LOG.info(() -> "Initialised the backup repository " + settings.repository());
            }
            initialised = true;
        }
    }

    private StoredSnapshot stored(Result result, String what) {
        result.ok(what);
        ResticJson.Summary summary = ResticJson.summary(result.stdout())
                .orElseThrow(() -> new BackupFailed("restic gave no summary when asked to " + what + ": " + tail(result.stdout())));
        // the summary names the snapshot by its short id: the full one is what we keep and compare
        String fullId = find(summary.snapshotId()).map(Snapshot::id)
                .orElseThrow(() -> new BackupFailed("restic wrote snapshot " + summary.snapshotId() + " but does not list it"));
        return new StoredSnapshot(fullId, summary.bytesProcessed(), summary.bytesAdded());
    }

    private static List<String> tagArgs(Map<String, String> tags) {
        List<String> args = new ArrayList<>();
        tags.forEach((k, v) -> {
            args.add("--tag");
            args.add(k + "=" + v);
        });
        return args;
    }

    private List<String> uploadLimit() {
        return settings.limitUploadKib() > 0 ? List.of("--limit-upload", Integer.toString(settings.limitUploadKib())) : List.of();
    }

    record Result(int exit, String stdout, String stderr) {
        Result ok(String what) {
            if (exit != 0) {
                throw new BackupFailed("restic could not " + what + " (exit " + exit + "): " + tail(stderr));
            }
            return this;
        }
    }

    private Result lockPatient(java.util.function.Supplier<Result> attempt) {
        long deadline = System.nanoTime() + LOCK_PATIENCE.toNanos();
        while (true) {
            ensureRepository();
            Result result = attempt.get();
            if (result.exit() == 0 || !ResticJson.isLocked(result.stderr()) || System.nanoTime() > deadline) {
                return result;
            }
            LOG.info("The backup repository is locked (a prune?); trying again in 5 s");
            try {
                Thread.sleep(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BackupFailed("Interrupted while waiting for the repository's lock", e);
            }
        }
    }

    private ProcessBuilder builder(List<String> args, Path workDir) {
        List<String> command = new ArrayList<>();
        command.add(settings.restic());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("RESTIC_REPOSITORY", settings.repository());
        builder.environment().remove("RESTIC_PASSWORD");
        builder.environment().remove("RESTIC_PASSWORD_FILE");
        builder.environment().remove("RESTIC_PASSWORD_COMMAND");
        builder.environment().putAll(settings.keyEnvironment());
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        return builder;
    }

    private Result run(List<String> args, Path workDir, Duration timeout, boolean niced) {
        ProcessBuilder builder = builder(args, workDir);
        if (niced) {
            List<String> command = new ArrayList<>(List.of("nice", "-n", "19", "ionice", "-c", "2", "-n", "7"));
            command.addAll(builder.command());
            builder.command(command);
        }
        Path out = tempFile("out");
        Path err = tempFile("err");
        try {
            builder.redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Process process = builder.start();
            int exit = waitFor(process, timeout);
            return new Result(exit, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BackupFailed("Could not run " + settings.restic() + " " + args.get(0) + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(out, err);
        }
    }

    private static int waitFor(Process process, Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
                throw new BackupFailed(process.info().command().orElse("restic") + " took longer than " + timeout + " and was stopped");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new BackupFailed("Interrupted while restic ran", e);
        }
    }

    private static Path tempFile(String what) {
        try {
            return Files.createTempFile("spoq-restic-", "." + what);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path... files) {
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }

    /** The end of restic's error output: the line that says what went wrong. */
    static String tail(String text) {
        String stripped = text == null ? "" : text.strip();
        return stripped.length() <= 600 ? stripped : "…" + stripped.substring(stripped.length() - 600);
    }
}
