package dev.spoq.cloud.it.support;

import java.util.function.Supplier;

/** Every key type the contract accepts, each with a fresh-key generator. */
public enum KeyKind {
    ED25519("ssh-ed25519", TestKeys::ed25519),
    ECDSA_P256("ecdsa-sha2-nistp256", () -> TestKeys.ecdsa(256)),
    ECDSA_P384("ecdsa-sha2-nistp384", () -> TestKeys.ecdsa(384)),
    ECDSA_P521("ecdsa-sha2-nistp521", () -> TestKeys.ecdsa(521)),
    RSA_2048("ssh-rsa", () -> TestKeys.rsa(2048)),
    RSA_3072("ssh-rsa", () -> TestKeys.rsa(3072)),
    SK_ECDSA("sk-ecdsa-sha2-nistp256@openssh.com", TestKeys::skEcdsa),
    SK_ED25519("sk-ssh-ed25519@openssh.com", TestKeys::skEd25519);

    private final String wireType;
    private final Supplier<SshKey> generator;

    KeyKind(String wireType, Supplier<SshKey> generator) {
        this.wireType = wireType;
        this.generator = generator;
    }

    public String wireType() {
        return wireType;
    }

    public SshKey generate() {
        return generator.get();
    }
}
