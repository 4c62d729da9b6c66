package dev.spoq.cloud.backup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/** Where backups go, with which key, how long they are kept and when the daily one runs (spoq.backup.*). */
@ApplicationScoped
public class BackupSettings {

    private static final Logger LOG = Logger.getLogger(BackupSettings.class.getName());

    @Inject
    @ConfigProperty(name = "spoq.backup.repository")
    Optional<String> repository;

    @Inject
    @ConfigProperty(name = "spoq.backup.password")
    Optional<String> password;

    @Inject
    @ConfigProperty(name = "spoq.backup.password-file")
    Optional<String> passwordFile;

    @Inject
    @ConfigProperty(name = "spoq.backup.keep-daily", defaultValue = "7")
    int keepDaily;

    @Inject
    @ConfigProperty(name = "spoq.backup.keep-weekly", defaultValue = "4")
    int keepWeekly;

    @Inject
    @ConfigProperty(name = "spoq.backup.daily-at", defaultValue = "03:00")
    String dailyAt;

    @Inject
    @ConfigProperty(name = "spoq.backup.time-zone", defaultValue = "UTC")
    String timeZone;

    @Inject
    @ConfigProperty(name = "spoq.backup.limit-upload-kib", defaultValue = "0")
    int limitUploadKib;

    @Inject
    @ConfigProperty(name = "spoq.backup.restic", defaultValue = "restic")
    String restic;

    @Inject
    @ConfigProperty(name = "spoq.backup.pg-dump", defaultValue = "pg_dump")
    String pgDump;

    /** The platform's data directory on this machine, as the embedded database's default (~/.spoq). */
    private static Path dataDir() {
        return Path.of(System.getProperty("user.home"), ".spoq");
    }

    /** A restic repository: a local directory (default ~/.spoq/backups) or any restic back-end (s3:..., sftp:...). */
    public String repository() {
        return repository.filter(r -> !r.isBlank()).orElse(dataDir().resolve("backups").toString());
    }

    /**
     * How restic gets the repository's key, as the environment of its process (readable by this user and root
     * only, never on a command line or in a log): spoq.backup.password-file, else spoq.backup.password, else a
     * key made once into ~/.spoq/backup-password (mode 600).
     */
    public Map<String, String> keyEnvironment() {
        if (passwordFile.filter(f -> !f.isBlank()).isPresent()) {
            return Map.of("RESTIC_PASSWORD_FILE", passwordFile.get());
        }
        if (password.filter(p -> !p.isBlank()).isPresent()) {
            return Map.of("RESTIC_PASSWORD", password.get());
        }
        return Map.of("RESTIC_PASSWORD_FILE", generatedKey().toString());
    }

    private static synchronized Path generatedKey() {
        Path file = dataDir().resolve("backup-password");
        if (Files.exists(file)) {
            return file;
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            Files.createDirectories(file.getParent());
            Path next = file.resolveSibling("backup-password.new");
            Files.deleteIfExists(next);
            Files.createFile(next, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(next, Base64.getUrlEncoder().withoutPadding().encodeToString(key));
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the backup key file " + file, e);
        }
        LOG.warning(() -> "No spoq.backup.password set: made a backup key in " + file
                + "; keep a copy of it away from this machine, without it no backup can be read");
        return file;
    }

    public int keepDaily() {
        return keepDaily;
    }

    public int keepWeekly() {
        return keepWeekly;
    }

    public DailyTime dailyAt() {
        return DailyTime.parse(dailyAt, timeZone);
    }

    /** restic's --limit-upload in KiB/s; 0 for none. */
    public int limitUploadKib() {
        return limitUploadKib;
    }

    public String restic() {
        return restic;
    }

    public String pgDump() {
        return pgDump;
    }
}
