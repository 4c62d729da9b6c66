package dev.spoq.cloud.sshkey;

import org.apache.sshd.common.cipher.ECCurves;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Test helper: builds key blobs field by field with sshd-common's buffer, so tests can make keys
 * ssh-keygen would never produce (wrong lengths, missing fields, damaged points).
 */
final class SshWire {

    private final ByteArrayBuffer out = new ByteArrayBuffer();

    static SshWire blob() {
        return new SshWire();
    }

    SshWire string(String value) {
        return string(value.getBytes(StandardCharsets.UTF_8));
    }

    SshWire string(byte[] value) {
        out.putBytes(value);
        return this;
    }

    SshWire mpint(BigInteger value) {
        out.putMPInt(value);
        return this;
    }

    SshWire raw(byte... bytes) {
        out.putRawBytes(bytes);
        return this;
    }

    byte[] bytes() {
        return out.getCompactData();
    }

    String base64() {
        return Base64.getEncoder().encodeToString(bytes());
    }

    // --- keys from the JDK, in OpenSSH wire format ---

    static byte[] ed25519Raw() throws Exception {
        byte[] spki = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
        return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    }

    static byte[] ecPoint(String jdkCurve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(jdkCurve));
        ECPublicKey key = (ECPublicKey) generator.generateKeyPair().getPublic();
        return ECCurves.encodeECPoint(key.getW(), key.getParams());
    }

    static byte[] rsaBlob(int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        PublicKey key = generator.generateKeyPair().getPublic();
        ByteArrayBuffer blob = new ByteArrayBuffer();
        blob.putRawPublicKey(key);
        return blob.getCompactData();
    }
}
