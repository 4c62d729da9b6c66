package dev.spoq.cloud.web.pages;

import dev.spoq.cloud.device.DeviceKeyView;
import dev.spoq.cloud.device.DeviceNotice;
import dev.spoq.cloud.device.DeviceView;
import dev.spoq.cloud.sshkey.RejectedKeyLine;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** What the pages show, as small serializable values (view-scoped beans live in the session). */
final class Rows {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private Rows() {
    }

    /** One public key: type, SHA256 fingerprint, comment, and whether its holder has paired it. */
    public record Key(String type, String fingerprint, String comment, boolean confirmed) implements Serializable {
        static Key of(DeviceKeyView view) {
            return new Key(view.keyType(), view.fingerprint(), view.comment(), view.confirmed());
        }
    }

    /** A line of the key text (or of the ssh.id answer) that did not become a key, and why. */
    public record Rejected(int line, String reason) implements Serializable {
        static Rejected of(RejectedKeyLine line) {
            return new Rejected(line.line(), line.reason());
        }

        static String lines(List<Rejected> rejected) {
            return rejected.stream().map(r -> "Line " + r.line() + ": " + r.reason()).collect(java.util.stream.Collectors.joining("\n"));
        }

        /** The rejected lines a SpoqProblem carries in its "rejected" extra. */
        static List<Rejected> of(Map<String, Object> extras) {
            if (extras.get("rejected") instanceof List<?> lines) {
                return lines.stream().filter(RejectedKeyLine.class::isInstance).map(RejectedKeyLine.class::cast)
                        .map(Rejected::of).toList();
            }
            return List.of();
        }
    }

    /**
     * A device; {@code pairingCode} while a key of it awaits its first login, {@code lockedUntil} (words) while
     * too many wrong codes lock its pairing, else empty.
     */
    public record Device(UUID id, UUID profileId, String name, List<Key> keys, String added, String lastConnected,
                         boolean paired, String pairingCode, String lockedUntil) implements Serializable {
        static Device of(DeviceView view) {
            return new Device(view.deviceId(), view.profileId(), view.name(), view.keys().stream().map(Key::of).toList(),
                    day(view.createdAt()), view.lastConnectedAt() == null ? "never" : when(view.lastConnectedAt()),
                    view.paired(), view.pairingCode(), when(view.pairingLockedUntil()));
        }
    }

    /** A notice about a key the account lost to the account its holder paired it with. */
    public record Notice(long id, String message, String at) implements Serializable {
        static Notice of(DeviceNotice notice) {
            return new Notice(notice.noticeId(), notice.message(), when(notice.createdAt()));
        }
    }

    public record Profile(UUID id, String username, List<Device> devices) implements Serializable {
    }

    static String when(Instant instant) {
        return instant == null ? "" : WHEN.format(instant);
    }

    static String day(Instant instant) {
        return instant == null ? "" : DAY.format(instant);
    }
}
