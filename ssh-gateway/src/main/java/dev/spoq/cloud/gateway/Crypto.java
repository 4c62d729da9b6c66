package dev.spoq.cloud.gateway;

import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.PropertyResolver;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.common.mac.Mac;
import org.apache.sshd.core.CoreModuleProperties;

import java.util.List;

/**
 * The transport settings both legs of the gateway share (users to the gateway, the gateway to computers), chosen
 * with bench/gateway: what is fast on the JDK's intrinsics first. Channel windows stay at MINA's 2 MB: a larger one
 * made MINA's piped channel stream copy more per read (see relay.StreamPump).
 */
public final class Crypto {
    /** A channel's receive window: 2 MB, like OpenSSH's and MINA's default. */
    static final long WINDOW_SIZE = 2L * 1024 * 1024;

    private Crypto() {
    }

    /**
     * The gateway's leg to computers: AES-GCM (AES-NI and carry-less multiply intrinsics), AES-CTR, then
     * ChaCha20-Poly1305 (MINA's own Java); the gateway is the client here, so its order decides (AES-GCM).
     */
    public static List<NamedFactory<Cipher>> upstreamCiphers() {
        return List.of(BuiltinCiphers.aes128gcm, BuiltinCiphers.aes256gcm, BuiltinCiphers.aes128ctr,
                BuiltinCiphers.aes192ctr, BuiltinCiphers.aes256ctr, BuiltinCiphers.cc20p1305_openssh);
    }

    /**
     * What users' clients may choose from: AES-GCM and AES-CTR (with an encrypt-then-MAC SHA-2 MAC), not ChaCha20-Poly1305.
     * The client's order decides (RFC 4253), and OpenSSH's puts ChaCha20-Poly1305 first: offered, it is what users get, and
     * MINA's pure-Java ChaCha20 and Poly1305 cost the gateway about 40 CPU seconds per GB relayed against about 4 for AES
     * on the JDK's intrinsics (bench/gateway on a 2-core box), which capped a relayed transfer at a fraction of a direct
     * one. Every SSH client speaks AES-CTR (RFC 4344); OpenSSH then picks aes128-ctr with hmac-sha2-256-etm.
     */
    public static List<NamedFactory<Cipher>> userCiphers() {
        return List.of(BuiltinCiphers.aes128gcm, BuiltinCiphers.aes256gcm, BuiltinCiphers.aes128ctr,
                BuiltinCiphers.aes192ctr, BuiltinCiphers.aes256ctr);
    }

    /** Encrypt-then-MAC with SHA-2 first (SHA-256 has JDK intrinsics); only used with CTR, GCM carries its own tag. */
    public static List<NamedFactory<Mac>> macs() {
        return List.of(BuiltinMacs.hmacsha256etm, BuiltinMacs.hmacsha512etm, BuiltinMacs.hmacsha256, BuiltinMacs.hmacsha512,
                BuiltinMacs.hmacsha1etm, BuiltinMacs.hmacsha1);
    }

    public static void sizeChannels(PropertyResolver side) {
        CoreModuleProperties.WINDOW_SIZE.set(side, WINDOW_SIZE);
    }
}
