package dev.spoq.cloud.audit;

import dev.spoq.cloud.problem.SpoqProblem;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AuditCursorTest {

    @Test
    void aCursorNamesTheLastIdShown() {
        assertEquals(Optional.of(4711L), AuditTrail.cursorId(AuditTrail.cursorOf(4711)));
        assertEquals(Optional.empty(), AuditTrail.cursorId(null));
    }

    @Test
    void anythingElseIsAProblemOnTheCursorField() {
        for (String bad : new String[]{"", "%%%", "4711", encoded("before:"), encoded("before:-3"), encoded("before:x"),
                encoded("after:12")}) {
            SpoqProblem problem = assertThrows(SpoqProblem.class, () -> AuditTrail.cursorId(bad), bad);
            assertEquals("cursor", problem.field());
        }
    }

    private static String encoded(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
