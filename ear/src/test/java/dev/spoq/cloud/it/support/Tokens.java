package dev.spoq.cloud.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Forged and garbage bearer tokens derived from real ones, whatever the server's token format is. */
public final class Tokens {

    private Tokens() {
    }

    /** The real token with one character in its middle replaced (never a trailing base64 padding bit). */
    public static String withMiddleCharacterChanged(String token) {
        int index = token.length() / 2;
        while (index < token.length() - 1 && !Character.isLetterOrDigit(token.charAt(index))) {
            index++;
        }
        char original = token.charAt(index);
        char replacement = Character.isDigit(original) ? (original == '7' ? '3' : '7') : (original == 'Q' ? 'x' : 'Q');
        return token.substring(0, index) + replacement + token.substring(index + 1);
    }

    /**
     * For a JWT-like token (three dot-separated parts): the same header and signature around a payload
     * rewritten to claim another user id in every member that held the real one. Otherwise: the real token
     * with its first half replaced by the other user id — a token "claiming" another account either way.
     */
    public static String claimingOtherUser(String token, String ownUserId, String otherUserId) {
        String[] parts = token.split("\\.");
        if (parts.length == 3) {
            JsonNode payload = decodedJson(parts[1]);
            if (payload instanceof ObjectNode object) {
                object.fieldNames().forEachRemaining(name -> {
                    if (object.get(name).asText().equals(ownUserId)) {
                        object.put(name, otherUserId);
                    }
                });
                object.put("sub", otherUserId);
                String forged = Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(Json.write(object).getBytes(StandardCharsets.UTF_8));
                return parts[0] + "." + forged + "." + parts[2];
            }
        }
        return otherUserId + token.substring(Math.min(token.length(), otherUserId.length()));
    }

    /** An unsigned JWT ("alg":"none") naming this user. */
    public static String unsignedJwtFor(String userId) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String header = encoder.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = encoder.encodeToString(("{\"sub\":\"" + userId + "\",\"exp\":4102444800}").getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }

    private static JsonNode decodedJson(String base64url) {
        try {
            return Json.parseOrNull(new String(Base64.getUrlDecoder().decode(base64url), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
