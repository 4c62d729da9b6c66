package dev.spoq.cloud.account;

import dev.spoq.cloud.problem.SpoqProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CredentialRulesTest {

    @Test
    void emailIsTrimmedAndLowerCased() {
        assertEquals("alice@example.com", EmailAddress.normalize("  Alice@Example.COM "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "alice", "alice@", "@example.com", "alice@example", "a b@example.com",
            "alice@@example.com", "alice@exa..mple.com", "alice@-example.com"})
    void badEmailsNameTheField(String email) {
        assertEquals("email", assertThrows(SpoqProblem.class, () -> EmailAddress.normalize(email)).field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"short", "123456789", "aaaaaaaaaaaa", "password123", "Qwertyuiop"})
    void weakPasswordsAreRefused(String password) {
        assertEquals("password", assertThrows(SpoqProblem.class, () -> PasswordPolicy.check(password)).field());
    }

    @Test
    void longPassphrasesPassAndHugeOnesDoNot() {
        assertDoesNotThrow(() -> PasswordPolicy.check("correct horse battery staple"));
        assertThrows(SpoqProblem.class, () -> PasswordPolicy.check("x".repeat(200) + "y".repeat(100)));
    }
}
