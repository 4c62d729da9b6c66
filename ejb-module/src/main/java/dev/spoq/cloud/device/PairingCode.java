package dev.spoq.cloud.device;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * A device's one-time pairing code: 8 letters of an alphabet without vowels or look-alikes (RFC 8628's
 * user codes), about 34 bits, shown as {@code WDJB-MJHT}. Typed in any case, with or without the dash.
 * Compared in constant time: how long a wrong guess takes says nothing about how close it was.
 */
public final class PairingCode {
    static final String ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";
    static final int LENGTH = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PairingCode() {
    }

    static String generate() {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** How people read it: two groups of four. */
    public static String display(String code) {
        return code == null || code.length() != LENGTH ? code : code.substring(0, 4) + "-" + code.substring(4);
    }

    /** What was typed, without case, spaces or dashes. */
    static String normalize(String typed) {
        return typed == null ? "" : typed.toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "");
    }

    static boolean matches(String stored, String typed) {
        if (stored == null) {
            return false;
        }
        return MessageDigest.isEqual(stored.getBytes(StandardCharsets.US_ASCII),
                normalize(typed).getBytes(StandardCharsets.US_ASCII));
    }
}
