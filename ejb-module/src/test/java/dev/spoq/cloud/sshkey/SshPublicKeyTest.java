package dev.spoq.cloud.sshkey;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SshPublicKeyTest {

    @Test
    void aLinesFingerprintIsTheOneTheParserStored() throws Exception {
        String line = "ssh-ed25519 " + SshWire.blob().string("ssh-ed25519").string(SshWire.ed25519Raw()).base64() + " laptop";
        SshPublicKey parsed = new PublicKeyParser().parse(line).accepted().get(0);
        assertEquals(Optional.of(parsed.fingerprint()), SshPublicKey.fingerprintOfLine(line));
        assertEquals(Optional.of(parsed.fingerprint()), SshPublicKey.fingerprintOfLine(parsed.keyType() + " " + parsed.base64()));
    }

    @Test
    void aLineWithoutAKeyHasNone() {
        assertEquals(Optional.empty(), SshPublicKey.fingerprintOfLine("ssh-ed25519 AAAA$$$notbase64"));
        assertEquals(Optional.empty(), SshPublicKey.fingerprintOfLine("ssh-ed25519"));
        assertEquals(Optional.empty(), SshPublicKey.fingerprintOfLine(null));
    }
}
