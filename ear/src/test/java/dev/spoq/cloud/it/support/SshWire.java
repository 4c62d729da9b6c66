package dev.spoq.cloud.it.support;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Builds SSH public key blobs in the RFC 4251 wire format (uint32 length + bytes). */
public final class SshWire {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public SshWire string(String text) {
        return string(text.getBytes(StandardCharsets.UTF_8));
    }

    public SshWire string(byte[] bytes) {
        int n = bytes.length;
        out.write(n >>> 24);
        out.write(n >>> 16);
        out.write(n >>> 8);
        out.write(n);
        out.writeBytes(bytes);
        return this;
    }

    public SshWire mpint(BigInteger value) {
        return string(value.toByteArray());
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(bytes());
    }

    /** The blob (second word) of an authorized_keys line. */
    public static byte[] blobOf(String publicKeyLine) {
        return Base64.getDecoder().decode(publicKeyLine.trim().split("\\s+")[1]);
    }
}
