package dev.spoq.cloud.terminal;

import dev.spoq.cloud.sshkey.PublicKeyParser;
import dev.spoq.cloud.sshkey.SshPublicKey;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TerminalKeysTest {

    @Test
    void eachTerminalGetsAKeyOfItsOwnThatTheRouteLookUpFindsByFingerprint() {
        KeyPair one = TerminalKeys.generate();
        KeyPair two = TerminalKeys.generate();
        String line = TerminalKeys.publicLine(one);
        assertTrue(line.startsWith("ecdsa-sha2-nistp256 "), line);
        String fingerprint = SshPublicKey.fingerprintOfLine(line).orElseThrow();
        assertTrue(fingerprint.startsWith("SHA256:"), fingerprint);
        assertNotEquals(fingerprint, SshPublicKey.fingerprintOfLine(TerminalKeys.publicLine(two)).orElseThrow());
        // the fingerprint is the one a pasted copy of this key would get (what the gateway's route look-up compares)
        assertEquals(fingerprint, new PublicKeyParser().parse(line).accepted().get(0).fingerprint());
    }
}
