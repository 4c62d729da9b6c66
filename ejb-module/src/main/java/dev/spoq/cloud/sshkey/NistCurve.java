package dev.spoq.cloud.sshkey;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.EllipticCurve;

/** The NIST curves OpenSSH uses for ECDSA keys, with the check that a public point really lies on the curve. */
enum NistCurve {
    P256("nistp256", "secp256r1", 256),
    P384("nistp384", "secp384r1", 384),
    P521("nistp521", "secp521r1", 521);

    private final String sshName;
    private final String jdkName;
    private final int bits;
    private volatile EllipticCurve curve;

    NistCurve(String sshName, String jdkName, int bits) {
        this.sshName = sshName;
        this.jdkName = jdkName;
        this.bits = bits;
    }

    String sshName() {
        return sshName;
    }

    int bits() {
        return bits;
    }

    private int pointLength() {
        return 1 + 2 * ((bits + 7) / 8);
    }

    /**
     * Structural length checks alone would let random bytes through as a "key" that no client can ever
     * log in with; the on-curve test catches copy-paste damage inside the point too.
     */
    void checkPublicPoint(byte[] q) throws KeyLineRejection {
        if (q.length > 0 && (q[0] == 2 || q[0] == 3)) {
            throw new KeyLineRejection("EC point is compressed; OpenSSH keys carry uncompressed points");
        }
        if (q.length != pointLength() || q[0] != 4) {
            throw new KeyLineRejection("EC point is not an uncompressed " + sshName + " point ("
                    + q.length + " bytes, expected " + pointLength() + ")");
        }
        int half = (q.length - 1) / 2;
        BigInteger x = new BigInteger(1, java.util.Arrays.copyOfRange(q, 1, 1 + half));
        BigInteger y = new BigInteger(1, java.util.Arrays.copyOfRange(q, 1 + half, q.length));
        EllipticCurve c = curve();
        BigInteger p = ((ECFieldFp) c.getField()).getP();
        boolean onCurve = x.compareTo(p) < 0 && y.compareTo(p) < 0
                && y.multiply(y).mod(p).equals(x.pow(3).add(c.getA().multiply(x)).add(c.getB()).mod(p));
        if (!onCurve) {
            throw new KeyLineRejection("EC point is not on the " + sshName + " curve (the key data is damaged)");
        }
    }

    private EllipticCurve curve() {
        EllipticCurve c = curve;
        if (c == null) {
            try {
                AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
                parameters.init(new ECGenParameterSpec(jdkName));
                c = parameters.getParameterSpec(ECParameterSpec.class).getCurve();
            } catch (GeneralSecurityException e) {
                // SunEC ships these three curves on every supported JDK
                throw new IllegalStateException("JDK lacks curve " + jdkName, e);
            }
            curve = c;
        }
        return c;
    }
}
