package dev.spoq.cloud.backup.restic;

import dev.spoq.cloud.backup.BackupFailed;
import dev.spoq.cloud.backup.BackupSettings;
import dev.spoq.cloud.backup.Snapshot;
import dev.spoq.cloud.backup.SnapshotTags;
import dev.spoq.cloud.backup.StoredSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The adapter against the real restic (Debian's package, scripts/install-test-tools.sh) on a repository in a temp dir. */
class ResticRepositoryTest {

    private static BackupSettings settings(Path repository, String password) {
        return new BackupSettings() {
            @Override
            public String repository() {
                return repository.toString();
            }

            @Override
            public Map<String, String> keyEnvironment() {
                return Map.of("RESTIC_PASSWORD", password);
            }

            @Override
            public int limitUploadKib() {
                return 0;
            }

            @Override
            public String restic() {
                return "restic";
            }
        };
    }

    @Test
    void backsUpListsAndRestoresADirectoryEncrypted(@TempDir Path tmp) throws IOException {
        Path repo = tmp.resolve("repo");
        Path home = Files.createDirectories(tmp.resolve("home/alice"));
        String marker = "spoq-plaintext-marker-" + UUID.randomUUID();
        Files.writeString(home.resolve("notes.txt"), marker);
        byte[] binary = new byte[200_000];
        new java.util.Random(7).nextBytes(binary);
        Files.write(home.resolve("blob.bin"), binary);
        ResticRepository restic = ResticRepository.of(settings(repo, "test-key"));

        UUID container = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        StoredSnapshot stored = restic.backupDirectory(tmp.resolve("home"), SnapshotTags.home(container, user, "alice"));
        assertEquals(64, stored.id().length(), stored.id());
        assertTrue(stored.bytes() >= binary.length, "bytes " + stored.bytes());

        List<Snapshot> mine = restic.snapshotsTagged(SnapshotTags.USER, user.toString());
        assertEquals(1, mine.size());
        assertEquals(Optional.of(container), mine.get(0).containerId());
        assertEquals("home", mine.get(0).kind());
        assertEquals(stored.id(), restic.find(stored.id().substring(0, 8)).orElseThrow().id());
        assertTrue(restic.snapshotsTagged(SnapshotTags.USER, UUID.randomUUID().toString()).isEmpty());
        assertTrue(restic.find("deadbeef").isEmpty());

        Path target = Files.createDirectories(tmp.resolve("restored"));
        restic.restore(stored.id(), target);
        assertEquals(marker, Files.readString(target.resolve("alice/notes.txt")));
        assertArrayEquals(binary, Files.readAllBytes(target.resolve("alice/blob.bin")));

        try (Stream<Path> files = Files.walk(repo)) {
            assertFalse(files.filter(Files::isRegularFile).anyMatch(f -> contains(f, marker)), "the repository holds the plaintext");
        }

        BackupFailed wrongKey = assertThrows(BackupFailed.class,
                () -> ResticRepository.of(settings(repo, "another-key")).snapshotsTagged(SnapshotTags.USER, user.toString()));
        assertTrue(wrongKey.getMessage().contains("wrong password"), wrongKey.getMessage());
        assertFalse(wrongKey.getMessage().contains("test-key"));
    }

    @Test
    void backsUpACommandsOutputAndRefusesACutOffOne(@TempDir Path tmp) throws IOException {
        ResticRepository restic = ResticRepository.of(settings(tmp.resolve("repo"), "k"));
        StoredSnapshot dump = restic.backupOutputOf(new ProcessBuilder("sh", "-c", "echo 'CREATE TABLE t ();'"), "db.sql",
                SnapshotTags.database());
        assertTrue(restic.find(dump.id()).isPresent());
        Path target = Files.createDirectories(tmp.resolve("out"));
        restic.restore(dump.id(), target);
        assertEquals("CREATE TABLE t ();\n", Files.readString(target.resolve("db.sql")));

        BackupFailed cut = assertThrows(BackupFailed.class, () -> restic.backupOutputOf(
                new ProcessBuilder("sh", "-c", "echo half; echo 'connection lost' >&2; exit 3"), "db.sql", SnapshotTags.database()));
        assertTrue(cut.getMessage().contains("connection lost"), cut.getMessage());
        assertEquals(1, restic.snapshotsTagged(SnapshotTags.KIND, SnapshotTags.DATABASE).size(), "the cut-off dump was forgotten");

        restic.applyRetention(7, 4);
        assertEquals(1, restic.snapshotsTagged(SnapshotTags.KIND, SnapshotTags.DATABASE).size());
    }

    private static boolean contains(Path file, String text) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
