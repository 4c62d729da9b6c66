package dev.spoq.cloud.backup.restic;

import dev.spoq.cloud.backup.BackupFailed;
import dev.spoq.cloud.backup.Snapshot;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;

import java.io.StringReader;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What restic 0.14's --json output and error lines mean. */
final class ResticJson {

    private ResticJson() {
    }

    record Summary(String snapshotId, long bytesProcessed, long bytesAdded) {
    }

    /** The summary line of `restic backup --json` (the last of its status lines). */
    static Optional<Summary> summary(String stdout) {
        return stdout.lines().map(String::strip).filter(l -> l.startsWith("{")).map(ResticJson::object)
                .filter(o -> o != null && "summary".equals(o.getString("message_type", "")))
                .reduce((a, b) -> b)
                .map(o -> new Summary(o.getString("snapshot_id"), o.getJsonNumber("total_bytes_processed").longValue(),
                        o.getJsonNumber("data_added").longValue()));
    }

    /** `restic snapshots --json`, oldest first; tags of the form key=value become a map. */
    static List<Snapshot> snapshots(String stdout) {
        String text = stdout.strip();
        if (text.isEmpty()) {
            return List.of();
        }
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            JsonArray array = reader.readArray();
            return array.stream().map(JsonValue::asJsonObject).map(ResticJson::snapshot)
                    .sorted(Comparator.comparing(Snapshot::time)).toList();
        } catch (JsonParsingException | ClassCastException e) {
            throw new BackupFailed("restic listed its snapshots in a form we do not read: " + ResticRepository.tail(text), e);
        }
    }

    private static Snapshot snapshot(JsonObject o) {
        Map<String, String> tags = new LinkedHashMap<>();
        JsonArray tagArray = o.containsKey("tags") && !o.isNull("tags") ? o.getJsonArray("tags") : JsonValue.EMPTY_JSON_ARRAY;
        for (JsonValue tag : tagArray) {
            String t = ((JsonString) tag).getString();
            int eq = t.indexOf('=');
            if (eq > 0) {
                tags.put(t.substring(0, eq), t.substring(eq + 1));
            }
        }
        return new Snapshot(o.getString("id"), o.getString("short_id", o.getString("id").substring(0, 8)),
                java.time.OffsetDateTime.parse(o.getString("time")).toInstant(), Map.copyOf(tags));
    }

    /** `restic cat config` on a location that holds no repository (yet). */
    static boolean isMissingRepository(String stderr) {
        return stderr.contains("Is there a repository at the following location?")
                || stderr.contains("unable to open config file");
    }

    static boolean isLocked(String stderr) {
        return stderr.contains("repository is already locked");
    }

    private static JsonObject object(String line) {
        try (JsonReader reader = Json.createReader(new StringReader(line))) {
            return reader.readObject();
        } catch (JsonParsingException | ClassCastException e) {
            return null;
        }
    }
}
