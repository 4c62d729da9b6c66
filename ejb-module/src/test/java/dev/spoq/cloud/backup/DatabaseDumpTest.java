package dev.spoq.cloud.backup;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseDumpTest {

    @Test
    void theEmbeddedDatabase() {
        DatabaseDump dump = DatabaseDump.of("jdbc:postgresql://127.0.0.1:15432/postgres", "postgres", "");
        assertEquals("postgresql://127.0.0.1:15432/postgres", dump.libpqUri());
        ProcessBuilder pgDump = dump.command("pg_dump");
        assertEquals(List.of("pg_dump", "--format=plain", "--no-owner", "--no-privileges", "--dbname=postgresql://127.0.0.1:15432/postgres"),
                pgDump.command());
        assertEquals("postgres", pgDump.environment().get("PGUSER"));
        assertFalse(pgDump.environment().containsKey("PGPASSWORD"));
    }

    @Test
    void thePasswordTravelsInTheEnvironmentOnly() {
        DatabaseDump dump = DatabaseDump.of("jdbc:postgresql://db.example.com:5432/spoq?sslmode=require&prepareThreshold=0", "spoq", "s3cret");
        ProcessBuilder pgDump = dump.command("pg_dump");
        assertEquals("s3cret", pgDump.environment().get("PGPASSWORD"));
        assertTrue(pgDump.command().stream().noneMatch(a -> a.contains("s3cret")), pgDump.command()::toString);
        assertFalse(dump.toString().contains("s3cret"));
        // libpq's parameters stay, the JDBC driver's own go
        assertEquals("postgresql://db.example.com:5432/spoq?sslmode=require", dump.libpqUri());
    }

    @Test
    void credentialsInTheUrlAreUsedWhenTheSettingsAreEmpty() {
        DatabaseDump dump = DatabaseDump.of("jdbc:postgresql://h/spoq?user=app&password=p%26w", "", null);
        assertEquals("app", dump.user());
        assertEquals("p&w", dump.password());
        assertEquals("postgresql://h/spoq", dump.libpqUri());
    }

    @Test
    void anotherDatabaseIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatabaseDump.of("jdbc:mysql://h/db", "u", "p"));
        assertTrue(e.getMessage().contains("spoq.db.url"));
    }
}
