package dev.spoq.cloud.profile;

import dev.spoq.cloud.problem.SpoqProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinuxUsernameTest {

    @ParameterizedTest
    @ValueSource(strings = {"alice", "_svc", "a", "dev-box", "user_2", "abcdefghijabcdefghijabcdefghij12"})
    void acceptsLinuxLogins(String name) {
        assertEquals(name, LinuxUsername.require(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Alice", "1alice", "-alice", "al ice", "al.ice", "alice$", "root", "sshd",
            "nobody", "www-data", "systemd-network", "shadow", "_ssh", "disk", "kmem", "tty", "utmp", "sudo", "postgres",
            "abcdefghijabcdefghijabcdefghij123"})
    void refusesOthersNamingTheField(String name) {
        SpoqProblem problem = assertThrows(SpoqProblem.class, () -> LinuxUsername.require(name));
        assertEquals("username", problem.field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "_svc", "dev-box"})
    void isAcceptableAgreesWithRequire(String name) {
        assertTrue(LinuxUsername.isAcceptable(name));
        assertFalse(LinuxUsername.isAcceptable(name.toUpperCase()));
        assertFalse(LinuxUsername.isAcceptable("root"));
    }

    /** The database's own guard must be the same rule: a name the API takes must never fail the CHECK. */
    @Test
    void theSchemasCheckIsTheJavaPattern() throws IOException {
        // surefire runs in ejb-module/; sql/ beside it is the one source of the schema
        Pattern check = Pattern.compile("CHECK\\s*\\(\\s*username\\s*~\\s*'([^']*)'\\s*\\)");
        List<String> found = new ArrayList<>();
        try (Stream<Path> migrations = Files.list(Path.of("..", "sql"))) {
            for (Path migration : migrations.filter(p -> p.toString().endsWith(".sql")).sorted().toList()) {
                Matcher m = check.matcher(Files.readString(migration));
                while (m.find()) {
                    found.add(m.group(1));
                }
            }
        }
        assertFalse(found.isEmpty(), "no CHECK (username ~ '...') in sql/*.sql");
        assertEquals(LinuxUsername.PATTERN, found.get(found.size() - 1), "the newest CHECK on profiles.username: " + found);
    }
}
