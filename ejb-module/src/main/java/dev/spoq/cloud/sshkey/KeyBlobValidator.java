package dev.spoq.cloud.sshkey;

import java.math.BigInteger;

/**
 * Checks that a decoded key blob has exactly the wire format its declared type promises. A blob that
 * passes here is one OpenSSH's sshd would load, so the user learns about a broken paste now, not at login.
 */
final class KeyBlobValidator {

    private static final int ED25519_KEY_BYTES = 32;

    private KeyBlobValidator() {
    }

    /** @return the key size in bits, as {@code ssh-keygen -l} reports it */
    static int validate(String declaredType, byte[] blob) throws KeyLineRejection {
        SshWireReader reader = new SshWireReader(blob);
        requireBlobType(reader, declaredType);
        int bits = switch (declaredType) {
            case KeyTypes.ED25519 -> ed25519(reader);
            case KeyTypes.SK_ED25519 -> withApplication(reader, ed25519(reader));
            case KeyTypes.ECDSA_P256 -> ecdsa(reader, NistCurve.P256);
            case KeyTypes.ECDSA_P384 -> ecdsa(reader, NistCurve.P384);
            case KeyTypes.ECDSA_P521 -> ecdsa(reader, NistCurve.P521);
            case KeyTypes.SK_ECDSA -> withApplication(reader, ecdsa(reader, NistCurve.P256));
            case KeyTypes.RSA -> rsa(reader);
            default -> throw new IllegalArgumentException("unsupported type reached the validator: " + declaredType);
        };
        reader.requireEnd();
        return bits;
    }

    private static void requireBlobType(SshWireReader reader, String declaredType) throws KeyLineRejection {
        String blobType;
        try {
            blobType = reader.readAsciiString("key type");
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

    private static int ed25519(SshWireReader reader) throws KeyLineRejection {
        byte[] key = reader.readString("ed25519 key");
        if (key.length != ED25519_KEY_BYTES) {
            throw new KeyLineRejection("ed25519 key is " + key.length + " bytes; expected " + ED25519_KEY_BYTES);
        }
        return 256;
    }

    private static int ecdsa(SshWireReader reader, NistCurve curve) throws KeyLineRejection {
        String curveName = reader.readAsciiString("curve name");
        if (!curveName.equals(curve.sshName())) {
            throw new KeyLineRejection("the key data names curve '" + Texts.quoteable(curveName)
                    + "' but the type needs '" + curve.sshName() + "'");
        }
        curve.checkPublicPoint(reader.readString("EC point"));
        return curve.bits();
    }

    /** Security-key types add the FIDO application id; its value is the authenticator's business, not ours. */
    private static int withApplication(SshWireReader reader, int bits) throws KeyLineRejection {
        reader.readString("security key application");
        return bits;
    }

    private static int rsa(SshWireReader reader) throws KeyLineRejection {
        BigInteger e = reader.readPositiveMpint("RSA exponent");
        BigInteger n = reader.readPositiveMpint("RSA modulus");
        if (e.compareTo(BigInteger.valueOf(3)) < 0 || !e.testBit(0)) {
            throw new KeyLineRejection("RSA public exponent is invalid");
        }
        if (!n.testBit(0)) {
            throw new KeyLineRejection("RSA modulus is invalid");
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
}
