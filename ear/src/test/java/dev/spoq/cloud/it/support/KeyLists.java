package dev.spoq.cloud.it.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Reads the key lists of device answers: keys_added / keys / keys_rejected / rejected. */
public final class KeyLists {

    private KeyLists() {
    }

    /** The fingerprints of a [{key_type, fingerprint, comment}] array. */
    public static Set<String> fingerprints(JsonNode keys) {
        Set<String> result = new HashSet<>();
        keys.forEach(key -> result.add(key.path("fingerprint").asText()));
        return result;
    }

    /** line number → reason of a [{line, reason}] array. */
    public static Map<Integer, String> rejectedLines(JsonNode rejected) {
        Map<Integer, String> result = new HashMap<>();
        rejected.forEach(entry -> result.put(entry.path("line").asInt(-1), entry.path("reason").asText("")));
        return result;
    }
}
