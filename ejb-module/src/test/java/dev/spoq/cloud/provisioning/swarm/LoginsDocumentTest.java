package dev.spoq.cloud.provisioning.swarm;

import dev.spoq.cloud.provisioning.LinuxLogin;
import dev.spoq.cloud.provisioning.LoginsState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LoginsDocumentTest {

    @Test
    void listsTheLoginsWithTheirKeysThenTheHomesToRemove() {
        LoginsState state = new LoginsState(List.of(new LinuxLogin("alice", List.of("ssh-ed25519 AAAA a@b"))), List.of("bob"));
        assertEquals("user alice\nkey ssh-ed25519 AAAA a@b\nremove-home bob\n", LoginsDocument.of(state));
    }

    @Test
    void aNameIsNeverBothALoginAndAHomeToRemove() {
        assertThrows(IllegalArgumentException.class,
                () -> new LoginsState(List.of(new LinuxLogin("bob", List.of())), List.of("bob")));
    }

    @Test
    void aKeyIsOneLine() {
        LoginsState state = new LoginsState(List.of(new LinuxLogin("alice", List.of("ssh-ed25519 AAAA\nuser root"))), List.of());
        assertThrows(IllegalArgumentException.class, () -> LoginsDocument.of(state));
    }
}
