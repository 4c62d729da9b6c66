package dev.spoq.cloud.profile;

import dev.spoq.cloud.problem.SpoqProblem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LinuxUsernameTest {

    @ParameterizedTest
    @ValueSource(strings = {"alice", "_svc", "a", "dev-box", "user_2", "abcdefghijabcdefghijabcdefghij12"})
    void acceptsLinuxLogins(String name) {
        assertEquals(name, LinuxUsername.require(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Alice", "1alice", "-alice", "al ice", "al.ice", "alice$", "root", "sshd",
            "nobody", "www-data", "systemd-network", "abcdefghijabcdefghijabcdefghij123"})
    void refusesOthersNamingTheField(String name) {
        SpoqProblem problem = assertThrows(SpoqProblem.class, () -> LinuxUsername.require(name));
        assertEquals("username", problem.field());
    }
}
