package dev.spoq.cloud.web.internal;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The secret the control plane shares with the SSH gateway and operators' tools. Taken from
 * spoq.internal.token, or generated once and kept (mode 600) in spoq.internal.token-file so the
 * gateway can read it. The value itself is never logged.
 */
@ApplicationScoped
public class InternalToken {

    private static final Logger LOG = Logger.getLogger(InternalToken.class.getName());

    @Inject
    @ConfigProperty(name = "spoq.internal.token")
    Optional<String> configured;

    @Inject
    @ConfigProperty(name = "spoq.internal.token-file")
    Optional<String> tokenFile;

    private byte[] secret;

    @PostConstruct
    void load() {
        String value = configured.filter(v -> !v.isBlank()).orElseGet(this::generatedOnce);
        secret = value.getBytes(StandardCharsets.UTF_8);
    }

    /** Names the token in the audit log without revealing it: the first 12 hex digits of its SHA-256. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret);
            return "token:" + java.util.HexFormat.of().formatHex(digest, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8));
    }

    private String generatedOnce() {
        Path file = Path.of(tokenFile.orElse(System.getProperty("user.home") + "/.spoq/internal-token"));
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            Files.createDirectories(file.getParent());
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.writeString(Files.createFile(file, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------"))), token);
            LOG.info(() -> "Generated the internal API token in " + file);
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the internal token file " + file, e);
        }
    }
}
