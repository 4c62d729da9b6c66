package dev.spoq.cloud.sshkey;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/** Test helper: writes SSH wire format by hand, so tests can build keys ssh-keygen would never produce. */
final class SshWire {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static SshWire blob() {
        return new SshWire();
    }

    SshWire string(String value) {
        return string(value.getBytes(StandardCharsets.UTF_8));
    }

    SshWire string(byte[] value) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(value.length).array());
        out.writeBytes(value);
        return this;
    }

    SshWire mpint(BigInteger value) {
        return string(value.signum() == 0 ? new byte[0] : value.toByteArray());
    }

    SshWire raw(byte... bytes) {
        out.writeBytes(bytes);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
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
        int size = (key.getParams().getCurve().getField().getFieldSize() + 7) / 8;
        byte[] point = new byte[1 + 2 * size];
        point[0] = 4;
        fixed(key.getW().getAffineX(), point, 1, size);
        fixed(key.getW().getAffineY(), point, 1 + size, size);
        return point;
    }

    static byte[] rsaBlob(int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        RSAPublicKey key = (RSAPublicKey) generator.generateKeyPair().getPublic();
        return blob().string("ssh-rsa").mpint(key.getPublicExponent()).mpint(key.getModulus()).bytes();
    }

    private static void fixed(BigInteger value, byte[] into, int offset, int size) {
        byte[] bytes = value.toByteArray();
        int skip = Math.max(0, bytes.length - size);
        System.arraycopy(bytes, skip, into, offset + size - (bytes.length - skip), bytes.length - skip);
    }
}
