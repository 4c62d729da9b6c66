package dev.spoq.cloud.backup;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pg_dump of the platform's database, from the same settings the datasource uses (spoq.db.url / user /
 * password; the embedded server when no URL is set). Plain SQL, not pg_dump's compressed format: restic
 * deduplicates a plain dump from one day to the next, and `psql` restores it (README). The password goes to
 * pg_dump in its environment (PGPASSWORD), never on its command line.
 */
public record DatabaseDump(String libpqUri, String user, String password) {

    /** The file name the dump has inside its snapshot. */
    public static final String FILE_NAME = "spoq-database.sql";
    /** JDBC parameters libpq understands the same way; the others (e.g. prepareThreshold) mean nothing to it. */
    private static final Set<String> LIBPQ_PARAMETERS = Set.of("sslmode", "sslrootcert", "sslcert", "sslkey", "connect_timeout",
            "application_name", "options", "target_session_attrs");

    /**
     * @throws IllegalArgumentException when the URL is no PostgreSQL JDBC URL
     */
    public static DatabaseDump of(String jdbcUrl, String user, String password) {
        String prefix = "jdbc:postgresql://";
        if (jdbcUrl == null || !jdbcUrl.startsWith(prefix)) {
            throw new IllegalArgumentException("spoq.db.url is no PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
        }
        String rest = jdbcUrl.substring(prefix.length());
        int query = rest.indexOf('?');
        String hostAndDb = query < 0 ? rest : rest.substring(0, query);
        Map<String, String> params = new LinkedHashMap<>();
        if (query >= 0) {
            for (String pair : rest.substring(query + 1).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        String effectiveUser = blank(user) ? params.getOrDefault("user", "postgres") : user;
        String effectivePassword = blank(password) ? params.getOrDefault("password", "") : password;
        if (!hostAndDb.contains("/")) {
            hostAndDb = hostAndDb + "/postgres"; // the JDBC driver's default database is the user's; ours is postgres
        }
        List<String> kept = new ArrayList<>();
        params.forEach((k, v) -> {
            if (LIBPQ_PARAMETERS.contains(k)) {
                kept.add(k + "=" + java.net.URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        String uri = "postgresql://" + hostAndDb + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
        return new DatabaseDump(uri, effectiveUser, effectivePassword);
    }

    /** pg_dump writing the whole database to its standard output. */
    public ProcessBuilder command(String pgDump) {
        ProcessBuilder builder = new ProcessBuilder(pgDump, "--format=plain", "--no-owner", "--no-privileges",
                "--dbname=" + libpqUri);
        builder.environment().put("PGUSER", user);
        builder.environment().remove("PGPASSWORD");
        if (!password.isEmpty()) {
            builder.environment().put("PGPASSWORD", password);
        }
        return builder;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public String toString() {
        return "pg_dump of " + libpqUri + " as " + user; // never the password
    }
}
