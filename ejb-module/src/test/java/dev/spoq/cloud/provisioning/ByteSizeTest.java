package dev.spoq.cloud.provisioning;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ByteSizeTest {

    @Test
    void containerSizesReadLikeDockerFlags() {
        assertEquals(2L << 30, ByteSize.parse("2g").bytes());
        assertEquals(512L << 20, ByteSize.parse("512m").bytes());
        assertEquals(1024, ByteSize.parse("1024").bytes());
    }

    @Test
    void unitsAreBinaryAndCaseDoesNotMatter() {
        assertEquals(10L << 30, ByteSize.parse("10G").bytes());
        assertEquals(3L << 10, ByteSize.parse(" 3k ").bytes());
        assertEquals(1L << 40, ByteSize.parse("1t").bytes());
        assertEquals(2L << 30, ByteSize.parse("2gb").bytes());
        assertEquals(3L << 29, ByteSize.parse("1.5g").bytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "g", "two gigabytes", "-1g", "2x", "1.g"})
    void anythingElseIsRefusedNamingTheText(String text) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(text));
        assertTrue(refused.getMessage().contains("'" + text + "'"), refused.getMessage());
    }

    @Test
    void wordsForPeople() {
        assertEquals("2 GB", ByteSize.parse("2g").words());
        assertEquals("10 GB", ByteSize.parse("10g").words());
        assertEquals("512 MB", ByteSize.parse("512m").words());
        assertEquals("1.5 TB", ByteSize.parse("1536g").words());
        assertEquals("100 bytes", ByteSize.parse("100").words());
    }
}
