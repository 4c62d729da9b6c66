package dev.spoq.cloud.sshkey;

import org.apache.sshd.common.cipher.ECCurves;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.BufferException;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Checks that a decoded key blob is a key OpenSSH's sshd would load, so the user learns about a broken
 * paste now, not at login. sshd-common reads the wire format and decodes the key, which proves it is a
 * real one (an EC point on its curve, a valid ed25519 point, a sane RSA modulus). Before that, a walk over
 * the blob's fields names what is wrong in words a user can act on, and applies Spoq's size rules.
 */
final class KeyBlobValidator {

    static {
        SshdSecurity.ensureConfigured();
    }

    private static final int ED25519_KEY_BYTES = 32;
    // OpenSSH's own ceiling (SSHBUF_MAX_BIGNUM) plus one sign byte; larger numbers are never valid keys
    private static final int MAX_MPINT_BYTES = KeyTypes.MAX_RSA_BITS / 8 + 1;

    private KeyBlobValidator() {
    }

    /** @return the key size in bits, as {@code ssh-keygen -l} reports it */
    static int validate(String declaredType, byte[] blob) throws KeyLineRejection {
        Buffer fields = new ByteArrayBuffer(blob);
        requireBlobType(fields, declaredType);
        int bits = switch (declaredType) {
            case KeyTypes.ED25519 -> ed25519(fields);
            case KeyTypes.SK_ED25519 -> withApplication(fields, ed25519(fields));
            case KeyTypes.ECDSA_P256, KeyTypes.ECDSA_P384, KeyTypes.ECDSA_P521 -> ecdsa(fields, curveOf(declaredType));
            case KeyTypes.SK_ECDSA -> withApplication(fields, ecdsa(fields, curveOf(declaredType)));
            case KeyTypes.RSA -> rsa(fields);
            default -> throw new IllegalArgumentException("unsupported type reached the validator: " + declaredType);
        };
        if (fields.available() > 0) {
            throw new KeyLineRejection("key data has " + fields.available() + " unexpected trailing bytes");
        }
        requireRealKey(declaredType, blob);
        return bits;
    }

    private static void requireBlobType(Buffer fields, String declaredType) throws KeyLineRejection {
        String blobType;
        try {
            blobType = new String(string(fields, "key type"), StandardCharsets.ISO_8859_1);
        } catch (KeyLineRejection notEvenAString) {
            throw notAKeyOf(declaredType);
        }
        if (blobType.equals(declaredType)) {
            return;
        }
        if (!Texts.isPrintableAscii(blobType) || !KeyTypes.looksLikeKeyType(blobType)) {
            throw notAKeyOf(declaredType);
        }
        if (KeyTypes.isCertificate(blobType)) {
            throw new KeyLineRejection("the key data is a certificate (" + Texts.quoteable(blobType)
                    + "); certificates are not supported; add the plain public key");
        }
        throw new KeyLineRejection("the key data is a '" + Texts.quoteable(blobType)
                + "' key but the line says '" + declaredType + "'");
    }

    private static KeyLineRejection notAKeyOf(String declaredType) {
        return new KeyLineRejection("the key data does not match its type '" + declaredType
                + "' (it is not an SSH public key blob)");
    }

    private static int ed25519(Buffer fields) throws KeyLineRejection {
        byte[] key = string(fields, "ed25519 key");
        if (key.length != ED25519_KEY_BYTES) {
            throw new KeyLineRejection("ed25519 key is " + key.length + " bytes; expected " + ED25519_KEY_BYTES);
        }
        return 256;
    }

    private static ECCurves curveOf(String keyType) {
        return ECCurves.fromKeyType(keyType.equals(KeyTypes.SK_ECDSA) ? KeyTypes.ECDSA_P256 : keyType);
    }

    private static int ecdsa(Buffer fields, ECCurves curve) throws KeyLineRejection {
        String curveName = new String(string(fields, "curve name"), StandardCharsets.ISO_8859_1);
        if (!curveName.equals(curve.getName())) {
            throw new KeyLineRejection("the key data names curve '" + Texts.quoteable(curveName)
                    + "' but the type needs '" + curve.getName() + "'");
        }
        byte[] point = string(fields, "EC point");
        int expected = 1 + 2 * curve.getNumPointOctets();
        if (point.length > 0 && (point[0] == 2 || point[0] == 3)) {
            throw new KeyLineRejection("EC point is compressed; OpenSSH keys carry uncompressed points");
        }
        if (point.length != expected || point[0] != 4) {
            throw new KeyLineRejection("EC point is not an uncompressed " + curve.getName() + " point ("
                    + point.length + " bytes, expected " + expected + ")");
        }
        return curve.getKeySize();
    }

    /** Security-key types add the FIDO application id; its value is the authenticator's business, not ours. */
    private static int withApplication(Buffer fields, int bits) throws KeyLineRejection {
        string(fields, "security key application");
        return bits;
    }

    private static int rsa(Buffer fields) throws KeyLineRejection {
        BigInteger e = positiveMpint(fields, "RSA exponent");
        BigInteger n = positiveMpint(fields, "RSA modulus");
        if (e.compareTo(BigInteger.valueOf(3)) < 0 || !e.testBit(0)) {
            throw new KeyLineRejection("RSA public exponent is invalid");
        }
        int bits = n.bitLength();
        if (bits < KeyTypes.MIN_RSA_BITS) {
            throw new KeyLineRejection("RSA key is " + bits + " bits; at least " + KeyTypes.MIN_RSA_BITS + " required");
        }
        if (bits > KeyTypes.MAX_RSA_BITS) {
            throw new KeyLineRejection("RSA key is " + bits + " bits; at most " + KeyTypes.MAX_RSA_BITS + " supported");
        }
        return bits;
    }

    /** sshd-common decodes the whole blob into a key; what it refuses is damage inside a field of the right size. */
    private static void requireRealKey(String declaredType, byte[] blob) throws KeyLineRejection {
        try {
            new ByteArrayBuffer(blob).getRawPublicKey();
        } catch (IOException | RuntimeException refused) {
            throw new KeyLineRejection(switch (declaredType) {
                case KeyTypes.RSA -> "RSA modulus is invalid (the key data is damaged)";
                case KeyTypes.ED25519, KeyTypes.SK_ED25519 -> "ed25519 key is not a valid curve point (the key data is damaged)";
                default -> "EC point is not on the " + curveOf(declaredType).getName() + " curve (the key data is damaged)";
            });
        }
    }

    /** One SSH string, with the field's name in the verdict when the blob ends too early. */
    private static byte[] string(Buffer fields, String what) throws KeyLineRejection {
        boolean present = fields.available() >= Integer.BYTES;
        try {
            return fields.getBytes();
        } catch (BufferException overrun) {
            throw new KeyLineRejection("key data is truncated (" + (present ? what + " is cut off" : "missing " + what) + ")");
        }
    }

    private static BigInteger positiveMpint(Buffer fields, String what) throws KeyLineRejection {
        byte[] bytes = string(fields, what);
        if (bytes.length > MAX_MPINT_BYTES) {
            throw new KeyLineRejection("key data is invalid (" + what + " is too large)");
        }
        if (bytes.length > 0 && (bytes[0] & 0x80) != 0) {
            throw new KeyLineRejection("key data is invalid (" + what + " is negative)");
        }
        return new BigInteger(1, bytes);
    }
}
