package dev.spoq.cloud.gateway.login;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The control plane's words reach a terminal as printable ASCII lines with CRLF ends, whatever they hold. */
class UserMessagesTest {
    @Test
    void linesBecomeTerminalLines() {
        assertEquals("One.\r\nTwo.\r\n", UserMessages.fromControlPlane("One.\nTwo.\n"));
    }

    @Test
    void controlCharactersAndNonAsciiAreBlanked() {
        assertEquals("Bad \u001b[31m  reason.\r\n".replace("\u001b", " "), UserMessages.fromControlPlane("Bad \u001b[31m\u2026 reason."));
    }

    @Test
    void aRefusalWithoutWordsStillSaysSomething() {
        assertEquals(UserMessages.unavailable(), UserMessages.fromControlPlane(null));
        assertEquals(UserMessages.unavailable(), UserMessages.fromControlPlane(" \n "));
    }

    @Test
    void longLinesAreCut() {
        String line = UserMessages.fromControlPlane("x".repeat(5000));
        assertTrue(line.length() < 320 && line.endsWith("...\r\n"), line);
    }
}
