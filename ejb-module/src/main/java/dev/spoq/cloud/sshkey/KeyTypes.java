package dev.spoq.cloud.sshkey;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a device's key may be: the one owner of that policy. Every key a route can be found for passed
 * these rules when it was added, so the SSH gateway needs no copy of them. Also the words used to refuse
 * the other types.
 */
public final class KeyTypes {

    public static final String ED25519 = "ssh-ed25519";
    public static final String RSA = "ssh-rsa";
    public static final String ECDSA_P256 = "ecdsa-sha2-nistp256";
    public static final String ECDSA_P384 = "ecdsa-sha2-nistp384";
    public static final String ECDSA_P521 = "ecdsa-sha2-nistp521";
    public static final String SK_ECDSA = "sk-ecdsa-sha2-nistp256@openssh.com";
    public static final String SK_ED25519 = "sk-ssh-ed25519@openssh.com";
    static final String DSA = "ssh-dss";

    /** The key types a device may have. */
    public static final List<String> SUPPORTED = List.of(ED25519, ECDSA_P256, ECDSA_P384, ECDSA_P521, RSA, SK_ECDSA, SK_ED25519);

    /** {@link #SUPPORTED} in words, for texts shown to users. */
    public static final String SUPPORTED_TEXT =
            "ssh-ed25519, ecdsa-sha2-nistp256/384/521, ssh-rsa (2048 bits or more), "
                    + "sk-ssh-ed25519@openssh.com, sk-ecdsa-sha2-nistp256@openssh.com";

    public static final int MIN_RSA_BITS = 2048;
    public static final int MAX_RSA_BITS = 16384;

    // wide on purpose: anything shaped like a key type gets a "not supported" answer rather than "garbage"
    private static final Pattern KEY_TYPE_SHAPE = Pattern.compile("(ssh|ecdsa|sk|x509v3|rsa|spki|pgp)-[A-Za-z0-9@.+_-]{1,100}");

    private KeyTypes() {
    }

    public static boolean isSupported(String type) {
        return SUPPORTED.contains(type);
    }

    static boolean isCertificate(String type) {
        return type.endsWith("-cert-v01@openssh.com") || type.endsWith("-cert-v00@openssh.com");
    }

    static boolean looksLikeKeyType(String token) {
        return KEY_TYPE_SHAPE.matcher(token).matches();
    }

    /** The rejection for a declared type that is not supported, or null if the type is supported. */
    static String refusalFor(String type) {
        if (isSupported(type)) {
            return null;
        }
        if (type.equals(DSA)) {
            return "DSA keys are insecure and not supported; create an ed25519 key with 'ssh-keygen -t ed25519'";
        }
        if (isCertificate(type)) {
            return "certificates are not supported; add the plain public key";
        }
        return "unsupported key type '" + Texts.quoteable(type) + "'; supported: " + SUPPORTED_TEXT;
    }
}
