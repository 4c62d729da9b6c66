package dev.spoq.cloud.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Starts a real PostgreSQL server inside the platform when no external database is configured,
 * so that `run` needs nothing installed. Its data directory lives outside the build tree, so the
 * data survives restarts and `mvn clean`.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EmbeddedDatabase {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class.getName());

    @Inject
    @ConfigProperty(name = "spoq.db.url")
    Optional<String> configuredUrl;

    @Inject
    @ConfigProperty(name = "spoq.db.embedded-port", defaultValue = "15432")
    int port;

    @Inject
    @ConfigProperty(name = "spoq.db.embedded-dir")
    Optional<String> dataDir;

    private EmbeddedPostgres postgres;
    private Optional<Long> adoptedPid = Optional.empty();

    @PostConstruct
    void start() {
        if (!isEmbeddedWanted()) {
            LOG.info("Using the external PostgreSQL configured by spoq.db.url");
            return;
        }
        Path dir = Path.of(dataDir.orElse(System.getProperty("user.home") + "/.spoq/pgdata"));
        if (answers(port)) {
            // a server left running by a killed platform process on our own data directory: adopt it,
            // and stop it with ours so that it does not outlive the platform
            adoptedPid = postmasterPid(dir);
            LOG.warning(() -> "PostgreSQL already answers on 127.0.0.1:" + port + "; using it (pid " + adoptedPid.orElse(-1L) + ")");
            return;
        }
        try {
            Files.createDirectories(dir);
            postgres = EmbeddedPostgres.builder()
                    .setPort(port)
                    // Liberty's EAR class loaders list the binaries' jar twice, which the default resolver refuses
                    .setPgBinaryResolver((system, architecture) -> EmbeddedDatabase.class.getClassLoader()
                            .getResourceAsStream(("postgres-" + system + "-" + architecture + ".txz").toLowerCase(java.util.Locale.ROOT)))
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    // XA between PostgreSQL and the JMS engine needs prepared transactions
                    .setServerConfig("max_prepared_transactions", "64")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .start();
            LOG.info(() -> "Embedded PostgreSQL on 127.0.0.1:" + port + ", data in " + dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL did not start (data dir " + dir + ")", e);
        }
    }

    /** The JDBC URL of the platform's database: the configured one, or this embedded server's. */
    public String jdbcUrl() {
        return configuredUrl.filter(url -> !url.isBlank()).orElse(embeddedUrl());
    }

    private String embeddedUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    private boolean isEmbeddedWanted() {
        return jdbcUrl().equals(embeddedUrl());
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<Long> postmasterPid(Path dir) {
        try {
            return Files.readAllLines(dir.resolve("postmaster.pid")).stream().findFirst().map(String::strip).map(Long::valueOf);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    @PreDestroy
    void stop() {
        // SIGINT is PostgreSQL's "fast" shutdown: it does not wait for the pool's idle connections
        adoptedPid.flatMap(ProcessHandle::of).ifPresent(process -> {
            try {
                new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
            } catch (IOException e) {
                LOG.warning(() -> "Could not stop the adopted PostgreSQL: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                LOG.warning(() -> "Embedded PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }
    }
}
