package dev.spoq.cloud.sshkey;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Reads the SSH wire encoding (RFC 4251 §5) of a public key blob, refusing anything that overruns the blob. */
final class SshWireReader {

    // OpenSSH's own ceiling (SSHBUF_MAX_BIGNUM) plus one sign byte; larger numbers are never valid keys
    private static final int MAX_MPINT_BYTES = 16384 / 8 + 1;

    private final ByteBuffer buffer;

    SshWireReader(byte[] blob) {
        this.buffer = ByteBuffer.wrap(blob);
    }

    byte[] readString(String what) throws KeyLineRejection {
        if (buffer.remaining() < 4) {
            throw new KeyLineRejection("key data is truncated (missing " + what + ")");
        }
        long length = Integer.toUnsignedLong(buffer.getInt());
        if (length > buffer.remaining()) {
            throw new KeyLineRejection("key data is truncated (" + what + " is cut off)");
        }
        byte[] value = new byte[(int) length];
        buffer.get(value);
        return value;
    }

    String readAsciiString(String what) throws KeyLineRejection {
        return new String(readString(what), StandardCharsets.ISO_8859_1);
    }

    BigInteger readPositiveMpint(String what) throws KeyLineRejection {
        byte[] bytes = readString(what);
        if (bytes.length > MAX_MPINT_BYTES) {
            throw new KeyLineRejection("key data is invalid (" + what + " is too large)");
        }
        if (bytes.length > 0 && (bytes[0] & 0x80) != 0) {
            throw new KeyLineRejection("key data is invalid (" + what + " is negative)");
        }
        return new BigInteger(1, bytes);
    }

    void requireEnd() throws KeyLineRejection {
        if (buffer.hasRemaining()) {
            throw new KeyLineRejection("key data has " + buffer.remaining() + " unexpected trailing bytes");
        }
    }
}
