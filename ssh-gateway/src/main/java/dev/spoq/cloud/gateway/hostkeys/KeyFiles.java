package dev.spoq.cloud.gateway.hostkeys;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Iterator;
import java.util.logging.Logger;

/**
 * A key pair kept as an OpenSSH private key file (mode 600) with its {@code .pub} beside it: created once,
 * then the same forever. Creation is safe when several replicas start together on a shared directory: each
 * writes a private temporary file and links it into place, and whoever links second reads the winner's key.
 */
public final class KeyFiles {
    private static final Logger LOG = Logger.getLogger(KeyFiles.class.getName());

    private KeyFiles() {
    }

    /**
     * The key pair in {@code file}, generated first when the file does not exist.
     *
     * @param keyType an OpenSSH key type, e.g. {@code ssh-ed25519}
     * @param keySize bits (ignored for ed25519)
     */
    public static KeyPair loadOrCreate(Path file, String keyType, int keySize, String comment)
            throws IOException, GeneralSecurityException {
        if (!Files.exists(file)) {
            create(file, keyType, keySize, comment);
        }
        KeyPair pair = load(file);
        writePublicKey(file.resolveSibling(file.getFileName() + ".pub"), pair, comment);
        return pair;
    }

    /** Reads an unencrypted OpenSSH (or PEM) private key file. */
    public static KeyPair load(Path file) throws IOException, GeneralSecurityException {
        Iterator<KeyPair> pairs = new FileKeyPairProvider(file).loadKeys(null).iterator();
        if (!pairs.hasNext()) {
            throw new GeneralSecurityException("No key pair in " + file);
        }
        return pairs.next();
    }

    /** Writes the public half in authorized_keys form, replacing the file only when its content differs. */
    public static void writePublicKey(Path file, KeyPair pair, String comment) throws IOException {
        String line = PublicKeyEntry.toString(pair.getPublic()) + " " + comment + "\n";
        if (Files.exists(file) && Files.readString(file, StandardCharsets.US_ASCII).equals(line)) {
            return;
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(temp, line, StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void create(Path file, String keyType, int keySize, String comment)
            throws IOException, GeneralSecurityException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        KeyPair pair = KeyUtils.generateKeyPair(keyType, keySize);
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, comment, null, encoded);

        Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.TRUNCATE_EXISTING)) {
                encoded.writeTo(out);
            }
            try {
                Files.createLink(file, temp); // atomic, and fails when another replica got there first
                LOG.info("Generated " + keyType + " key " + file + " (" + KeyUtils.getFingerPrint(pair.getPublic()) + ")");
            } catch (FileAlreadyExistsException lostTheRace) {
                LOG.fine("Another process created " + file + " first; using its key");
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
