package dev.spoq.cloud.sshkey;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class PublicKeyParserTest {

    private static final String SSH_KEYGEN = "/usr/bin/ssh-keygen";

    @TempDir
    static Path dir;

    private final PublicKeyParser parser = new PublicKeyParser();

    @BeforeAll
    static void generateKeys() throws Exception {
        keygen("ed25519", "alice@laptop", "-t", "ed25519");
        keygen("ecdsa256", "alice@phone", "-t", "ecdsa", "-b", "256");
        keygen("ecdsa384", "alice@tablet", "-t", "ecdsa", "-b", "384");
        keygen("ecdsa521", "alice@desktop", "-t", "ecdsa", "-b", "521");
        keygen("rsa2048", "alice@work", "-t", "rsa", "-b", "2048");
        keygen("rsa3072", "alice@server", "-t", "rsa", "-b", "3072");
        keygen("rsa1024", "old@box", "-t", "rsa", "-b", "1024");
        keygen("rsapem", "pem@box", "-t", "rsa", "-b", "2048", "-m", "PEM");
        keygen("ca", "ca", "-t", "ed25519");
        run(SSH_KEYGEN, "-q", "-s", dir.resolve("ca").toString(), "-I", "id", "-n", "user",
                dir.resolve("ed25519.pub").toString());
    }

    // ---------------------------------------------------------------- keys from ssh-keygen

    @ParameterizedTest
    @CsvSource({
            "ed25519,  ssh-ed25519,         256,  alice@laptop",
            "ecdsa256, ecdsa-sha2-nistp256, 256,  alice@phone",
            "ecdsa384, ecdsa-sha2-nistp384, 384,  alice@tablet",
            "ecdsa521, ecdsa-sha2-nistp521, 521,  alice@desktop",
            "rsa2048,  ssh-rsa,             2048, alice@work",
            "rsa3072,  ssh-rsa,             3072, alice@server",
    })
    void acceptsKeysFromSshKeygenWithItsFingerprint(String name, String type, int bits, String comment) throws Exception {
        String pub = pub(name);

        ParsedKeys parsed = parser.parse(pub);

        assertEquals(List.of(), parsed.rejected());
        assertEquals(1, parsed.accepted().size());
        SshPublicKey key = parsed.accepted().get(0);
        assertEquals(type, key.keyType());
        assertEquals(comment, key.comment());
        assertEquals(bits, key.bits());
        assertEquals(sshKeygenFingerprint(dir.resolve(name + ".pub")), key.fingerprint());
        assertEquals(bits, sshKeygenBits(dir.resolve(name + ".pub")));
        assertEquals(pub.strip(), key.authorizedKeysLine());
        assertEquals(1, parsed.lineOf(key));
    }

    @Test
    void termiusStyleSetOfSeveralDevicesIncludingSecurityKeys() throws Exception {
        String skEcdsa = "sk-ecdsa-sha2-nistp256@openssh.com " + skEcdsaBlob().base64() + " yubikey-5c";
        String skEd25519 = "sk-ssh-ed25519@openssh.com " + skEd25519Blob().base64() + " solokey";
        Files.writeString(dir.resolve("sk-ecdsa.pub"), skEcdsa + "\n");
        Files.writeString(dir.resolve("sk-ed25519.pub"), skEd25519 + "\n");
        String text = String.join("\n",
                "# Termius SSH ID: alice",
                "",
                "# MacBook",
                pub("ed25519"),
                pub("ecdsa256"),
                "# iPhone",
                pub("ecdsa384"),
                pub("rsa3072"),
                "   ",
                "# Android",
                pub("ecdsa521"),
                pub("rsa2048"),
                "# hardware keys",
                skEcdsa,
                skEd25519,
                "");

        ParsedKeys parsed = parser.parse(text);

        assertEquals(List.of(), parsed.rejected());
        assertEquals(List.of("ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ssh-rsa",
                        "ecdsa-sha2-nistp521", "ssh-rsa", "sk-ecdsa-sha2-nistp256@openssh.com", "sk-ssh-ed25519@openssh.com"),
                parsed.accepted().stream().map(SshPublicKey::keyType).toList());
        List<String> files = List.of("ed25519", "ecdsa256", "ecdsa384", "rsa3072", "ecdsa521", "rsa2048", "sk-ecdsa", "sk-ed25519");
        for (int i = 0; i < files.size(); i++) {
            assertEquals(sshKeygenFingerprint(dir.resolve(files.get(i) + ".pub")), parsed.accepted().get(i).fingerprint(),
                    files.get(i));
        }
        SshPublicKey sk = parsed.accepted().get(6);
        assertEquals(256, sk.bits());
        assertEquals("yubikey-5c", sk.comment());
        assertEquals(skEcdsa, sk.authorizedKeysLine());
        assertEquals(14, parsed.lineOf(sk));
        assertEquals(256, sshKeygenBits(dir.resolve("sk-ed25519.pub")));
    }

    // ---------------------------------------------------------------- rejections, all in one paste

    @Test
    void rejectsEachBadLineWithAReasonAndKeepsTheGoodOnes() throws Exception {
        Paste paste = new Paste();
        paste.add("# keys of alice");
        int good = paste.add(pub("ed25519"));
        int cert = paste.add(pub("ed25519-cert"));
        int privateKey = paste.addAll(Files.readString(dir.resolve("ed25519")));
        int dsa = paste.add("ssh-dss " + dsaBlob() + " old@dsa");
        int rsa1024 = paste.add(pub("rsa1024"));
        int garbage = paste.add("hello world");
        int badBase64 = paste.add("ssh-ed25519 AAAA$$$notbase64 x");
        int mismatch = paste.add("ssh-rsa " + field(pub("ed25519"), 1) + " liar");
        int duplicate = paste.add(field(pub("ed25519"), 0) + " " + field(pub("ed25519"), 1) + " other comment");
        int options = paste.add("no-pty,command=\"echo hi\" " + pub("ecdsa256"));
        int pemPrivate = paste.addAll(Files.readString(dir.resolve("rsapem")));
        int unknown = paste.add("ssh-ed448 AAAAC3NzaC1lZDQ0OAAAADk= x");
        int late = paste.add(pub("ecdsa384"));

        ParsedKeys parsed = parser.parse(paste.text());

        assertEquals(List.of(good, late),
                parsed.accepted().stream().map(parsed::lineOf).toList());
        Map<Integer, String> reasons = reasonsByLine(parsed);
        assertEquals(List.of(cert, privateKey, dsa, rsa1024, garbage, badBase64, mismatch, duplicate, options,
                pemPrivate, unknown), List.copyOf(reasons.keySet()), "one rejection per bad line/block: " + reasons);
        assertEquals("certificates are not supported; add the plain public key", reasons.get(cert));
        assertEquals("this is a PRIVATE key: never share it; paste the .pub file", reasons.get(privateKey));
        assertTrue(reasons.get(dsa).startsWith("DSA keys are insecure and not supported"), reasons.get(dsa));
        assertEquals("RSA key is 1024 bits; at least 2048 required", reasons.get(rsa1024));
        assertTrue(reasons.get(garbage).startsWith("not an SSH public key"), reasons.get(garbage));
        assertTrue(reasons.get(badBase64).contains("not valid base64"), reasons.get(badBase64));
        assertEquals("the key data is a 'ssh-ed25519' key but the line says 'ssh-rsa'", reasons.get(mismatch));
        assertEquals("duplicate of line " + good, reasons.get(duplicate));
        assertTrue(reasons.get(options).startsWith("options are not allowed"), reasons.get(options));
        assertEquals("this is a PRIVATE key: never share it; paste the .pub file", reasons.get(pemPrivate));
        assertTrue(reasons.get(unknown).startsWith("unsupported key type 'ssh-ed448'"), reasons.get(unknown));
    }

    @Test
    void crlfTextIsReadLikeUnixText() throws Exception {
        String text = String.join("\r\n", "# from Windows", pub("ed25519"), pub("rsa2048"), "garbage", "") + "\r\n";

        ParsedKeys parsed = parser.parse(text);

        assertEquals(2, parsed.accepted().size());
        assertEquals("alice@laptop", parsed.accepted().get(0).comment());
        assertEquals("alice@work", parsed.accepted().get(1).comment());
        assertEquals(pub("rsa2048"), parsed.accepted().get(1).authorizedKeysLine());
        assertEquals(List.of(4), parsed.rejected().stream().map(RejectedKeyLine::line).toList());
    }

    @Test
    void privateKeyBlockIsOneRejectionAndLinesAfterItStillCount() throws Exception {
        String privateKey = Files.readString(dir.resolve("ecdsa256")).strip();
        int bodyLines = privateKey.split("\n").length;
        String text = privateKey + "\n" + pub("ecdsa256");

        ParsedKeys parsed = parser.parse(text);

        assertEquals(List.of(new RejectedKeyLine(1, "this is a PRIVATE key: never share it; paste the .pub file")),
                parsed.rejected());
        assertEquals(1, parsed.accepted().size());
        assertEquals(bodyLines + 1, parsed.lineOf(parsed.accepted().get(0)));
    }

    @Test
    void unterminatedPrivateKeyBlockSwallowsTheRest() throws Exception {
        String text = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAA\n" + pub("ed25519");

        ParsedKeys parsed = parser.parse(text);

        assertEquals(List.of(), parsed.accepted());
        assertEquals(1, parsed.rejected().size());
    }

    @Test
    void puttyPrivateKeyIsRecognised() throws Exception {
        String text = String.join("\n",
                "PuTTY-User-Key-File-3: ssh-ed25519",
                "Encryption: none",
                "Comment: eddsa-key-20240101",
                "Public-Lines: 2",
                "AAAAC3NzaC1lZDI1NTE5AAAAIDv3",
                "Private-Lines: 1",
                "AAAAIHRoaXMgaXMgbm90IGEgcmVhbCBrZXk=",
                "Private-MAC: 0123456789abcdef",
                pub("ed25519"));

        ParsedKeys parsed = parser.parse(text);

        assertEquals(List.of(new RejectedKeyLine(1, "this is a PRIVATE key: never share it; paste the .pub file")),
                parsed.rejected());
        assertEquals(9, parsed.lineOf(parsed.accepted().get(0)));
    }

    @Test
    void rfc4716PublicKeyGetsAConversionHint() throws Exception {
        String ssh2 = run(SSH_KEYGEN, "-e", "-f", dir.resolve("ed25519.pub").toString());
        String text = ssh2.strip() + "\n" + pub("ecdsa521");

        ParsedKeys parsed = parser.parse(text);

        assertEquals(1, parsed.rejected().size());
        assertEquals(1, parsed.rejected().get(0).line());
        assertTrue(parsed.rejected().get(0).reason().contains("ssh-keygen -i"), parsed.rejected().get(0).reason());
        assertEquals(1, parsed.accepted().size());
    }

    @Test
    void certificateBlobUnderAPlainTypeIsCalledACertificate() throws Exception {
        String certBlob = field(pub("ed25519-cert"), 1);

        String reason = onlyRejection("ssh-ed25519 " + certBlob);

        assertTrue(reason.contains("certificate"), reason);
    }

    // ---------------------------------------------------------------- limits

    @Test
    void atMost64LinesWithContentAreRead() throws Exception {
        StringBuilder text = new StringBuilder("# many keys\n\n");
        for (int i = 1; i <= 70; i++) {
            text.append("ssh-ed25519 ").append(SshWire.blob().string("ssh-ed25519").string(SshWire.ed25519Raw()).base64())
                    .append(" key").append(i).append("\n# comment lines do not count\n");
        }

        ParsedKeys parsed = parser.parse(text.toString());

        assertEquals(64, parsed.accepted().size());
        assertEquals("key64", parsed.accepted().get(63).comment());
        assertEquals(6, parsed.rejected().size());
        assertEquals(2 + 2 * 65 - 1, parsed.rejected().get(0).line());
        assertTrue(parsed.rejected().get(0).reason().startsWith("too many lines"), parsed.rejected().get(0).reason());
    }

    @Test
    void aPastedLogFileGivesABoundedNumberOfRejections() {
        ParsedKeys parsed = parser.parse("not a key\n".repeat(5_000));

        assertEquals(64 + 64 + 1, parsed.rejected().size());
        assertEquals(new RejectedKeyLine(129, "too many lines: this line and all lines after it were not read"),
                parsed.rejected().get(128));
    }

    @Test
    void linesLongerThan16KiBAreRejected() {
        String reason = onlyRejection("ssh-ed25519 " + "A".repeat(20_000));

        assertTrue(reason.contains("16 KiB"), reason);
    }

    @Test
    void emptyTextsGiveNothing() {
        for (String text : new String[]{null, "", "\n\n", "# only a comment\r\n  \r\n", "\uFEFF"}) {
            ParsedKeys parsed = parser.parse(text);
            assertEquals(List.of(), parsed.accepted());
            assertEquals(List.of(), parsed.rejected());
            assertFalse(parsed.hasAccepted());
        }
    }

    // ---------------------------------------------------------------- keys built with the JDK

    @Test
    void acceptsJdkGeneratedKeysBuiltFromTheWireFormat() throws Exception {
        assertAccepted("ssh-rsa", SshWire.rsaBlob(2048), 2048);
        assertAccepted("ssh-rsa", SshWire.rsaBlob(4096), 4096);
        assertAccepted("ecdsa-sha2-nistp256", SshWire.blob().string("ecdsa-sha2-nistp256").string("nistp256")
                .string(SshWire.ecPoint("secp256r1")).bytes(), 256);
        assertAccepted("ecdsa-sha2-nistp384", SshWire.blob().string("ecdsa-sha2-nistp384").string("nistp384")
                .string(SshWire.ecPoint("secp384r1")).bytes(), 384);
        assertAccepted("ecdsa-sha2-nistp521", SshWire.blob().string("ecdsa-sha2-nistp521").string("nistp521")
                .string(SshWire.ecPoint("secp521r1")).bytes(), 521);
        assertAccepted("ssh-ed25519", SshWire.blob().string("ssh-ed25519").string(SshWire.ed25519Raw()).bytes(), 256);
    }

    @Test
    void keyWithoutCommentHasNullCommentAndTwoFieldLine() throws Exception {
        String line = field(pub("ed25519"), 0) + " " + field(pub("ed25519"), 1);

        SshPublicKey key = parser.parse("  " + line + "\t \n").accepted().get(0);

        assertNull(key.comment());
        assertEquals(line, key.authorizedKeysLine());
    }

    // ---------------------------------------------------------------- structural checks

    @Test
    void rejectsBlobsWithTheWrongStructure() throws Exception {
        byte[] p256 = SshWire.ecPoint("secp256r1");
        byte[] offCurve = p256.clone();
        offCurve[offCurve.length - 1] ^= 1;
        byte[] compressed = new byte[33];
        compressed[0] = 2;
        System.arraycopy(p256, 1, compressed, 1, 32);

        assertRejected("ed25519 key is 31 bytes; expected 32",
                "ssh-ed25519", SshWire.blob().string("ssh-ed25519").string(new byte[31]));
        assertRejected("key data has 1 unexpected trailing bytes",
                "ssh-ed25519", SshWire.blob().string("ssh-ed25519").string(new byte[32]).raw((byte) 0));
        assertRejected("key data is truncated",
                "ssh-ed25519", SshWire.blob().string("ssh-ed25519").raw(new byte[]{0, 0, 0, 32, 1, 2, 3}));
        assertRejected("EC point is compressed",
                "ecdsa-sha2-nistp256", SshWire.blob().string("ecdsa-sha2-nistp256").string("nistp256").string(compressed));
        assertRejected("EC point is not on the nistp256 curve",
                "ecdsa-sha2-nistp256", SshWire.blob().string("ecdsa-sha2-nistp256").string("nistp256").string(offCurve));
        assertRejected("EC point is not an uncompressed nistp384 point (65 bytes, expected 97)",
                "ecdsa-sha2-nistp384", SshWire.blob().string("ecdsa-sha2-nistp384").string("nistp384").string(p256));
        assertRejected("the key data names curve 'nistp384' but the type needs 'nistp256'",
                "ecdsa-sha2-nistp256", SshWire.blob().string("ecdsa-sha2-nistp256").string("nistp384").string(p256));
        assertRejected("the key data is a 'ecdsa-sha2-nistp256' key but the line says 'ecdsa-sha2-nistp384'",
                "ecdsa-sha2-nistp384", SshWire.blob().string("ecdsa-sha2-nistp256").string("nistp256").string(p256));
        assertRejected("key data is truncated (missing security key application)",
                "sk-ecdsa-sha2-nistp256@openssh.com",
                SshWire.blob().string("sk-ecdsa-sha2-nistp256@openssh.com").string("nistp256").string(p256));
        assertRejected("key data is truncated (missing security key application)",
                "sk-ssh-ed25519@openssh.com", SshWire.blob().string("sk-ssh-ed25519@openssh.com").string(new byte[32]));
        assertRejected("RSA public exponent is invalid",
                "ssh-rsa", SshWire.blob().string("ssh-rsa").mpint(BigInteger.ONE).mpint(BigInteger.ONE.shiftLeft(2047).setBit(0)));
        assertRejected("key data is invalid (RSA modulus is negative)",
                "ssh-rsa", SshWire.blob().string("ssh-rsa").mpint(BigInteger.valueOf(65537)).string(new byte[]{(byte) 0x80, 1}));
        assertRejected("RSA key is 16385 bits; at most 16384 supported",
                "ssh-rsa", SshWire.blob().string("ssh-rsa").mpint(BigInteger.valueOf(65537)).mpint(BigInteger.ONE.shiftLeft(16384).setBit(0)));
        assertRejected("key data is invalid (RSA modulus is too large)",
                "ssh-rsa", SshWire.blob().string("ssh-rsa").mpint(BigInteger.valueOf(65537)).mpint(BigInteger.ONE.shiftLeft(16399).setBit(0)));
        assertRejected("the key data does not match its type 'ssh-ed25519' (it is not an SSH public key blob)",
                "ssh-ed25519", SshWire.blob().raw("just some text".getBytes(StandardCharsets.UTF_8)));
        assertRejected("the key data does not match its type 'ssh-rsa' (it is not an SSH public key blob)",
                "ssh-rsa", SshWire.blob());
    }

    @Test
    void keysOfTheRightShapeThatAreNoRealKeyAreRefused() {
        assertRejected("ed25519 key is not a valid curve point",
                "ssh-ed25519", SshWire.blob().string("ssh-ed25519").string(new byte[32]));
        assertRejected("RSA modulus is invalid",
                "ssh-rsa", SshWire.blob().string("ssh-rsa").mpint(BigInteger.valueOf(65537)).mpint(BigInteger.ONE.shiftLeft(2047)));
    }

    @Test
    void explainsLinesThatAreNotKeyLines() throws Exception {
        String ed25519Blob = field(pub("ed25519"), 1);

        assertEquals("the key type is missing: the line should start with 'ssh-ed25519' followed by the key data",
                onlyRejection(ed25519Blob + " alice@laptop"));
        assertEquals("the base64 key data after 'ssh-ed25519' is missing", onlyRejection("ssh-ed25519"));
        assertTrue(onlyRejection("restrict,from=\"10.0.0.1\" " + pub("rsa2048")).startsWith("options are not allowed"));
        assertTrue(onlyRejection("-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZI\n-----END PUBLIC KEY-----")
                .contains("'BEGIN PUBLIC KEY' blocks are not supported"));
        assertTrue(onlyRejection("ssh-ed25519-cert-v01@openssh.com AAAA").startsWith("certificates are not supported"));
        String echoed = onlyRejection("ssh-" + "x".repeat(90) + " AAAA");
        assertTrue(echoed.length() < 250, echoed);
    }

    @Test
    void commentControlCharactersAreDropped() throws Exception {
        String line = field(pub("ed25519"), 0) + " " + field(pub("ed25519"), 1) + " bad\u0007 \u001b[31mcomment\u202e\r";

        SshPublicKey key = parser.parse(line).accepted().get(0);

        assertEquals("bad [31mcomment", key.comment());
    }

    @Test
    void rejectMovesAnAcceptedKeyToTheRejectedLines() throws Exception {
        ParsedKeys parsed = parser.parse("garbage\n" + pub("ed25519") + "\n" + pub("rsa2048") + "\nmore garbage");
        SshPublicKey first = parsed.accepted().get(0);

        ParsedKeys after = parsed.reject(first, "key belongs to another account");

        assertEquals(List.of(parsed.accepted().get(1)), after.accepted());
        assertEquals(List.of(1, 2, 4), after.rejected().stream().map(RejectedKeyLine::line).toList());
        assertEquals("key belongs to another account", after.rejected().get(1).reason());
        assertEquals(3, after.lineOf(after.accepted().get(0)));
    }

    // ---------------------------------------------------------------- helpers

    private void assertAccepted(String type, byte[] blob, int bits) {
        ParsedKeys parsed = parser.parse(type + " " + Base64.getEncoder().encodeToString(blob) + " jdk");
        assertEquals(List.of(), parsed.rejected(), type);
        SshPublicKey key = parsed.accepted().get(0);
        assertEquals(bits, key.bits());
        assertEquals(SshPublicKey.fingerprintOf(blob), key.fingerprint());
    }

    private void assertRejected(String expectedReasonStart, String type, SshWire blob) {
        String reason = onlyRejection(type + " " + blob.base64() + " test");
        assertTrue(reason.startsWith(expectedReasonStart), "expected '" + expectedReasonStart + "' but got '" + reason + "'");
    }

    private String onlyRejection(String text) {
        ParsedKeys parsed = parser.parse(text);
        assertEquals(List.of(), parsed.accepted(), text);
        assertEquals(1, parsed.rejected().size(), () -> "rejections: " + parsed.rejected());
        return parsed.rejected().get(0).reason();
    }

    private static Map<Integer, String> reasonsByLine(ParsedKeys parsed) {
        return parsed.rejected().stream().collect(Collectors.toMap(RejectedKeyLine::line, RejectedKeyLine::reason,
                (a, b) -> fail("two rejections on one line"), java.util.TreeMap::new));
    }

    private static SshWire skEcdsaBlob() throws Exception {
        return SshWire.blob().string("sk-ecdsa-sha2-nistp256@openssh.com").string("nistp256")
                .string(SshWire.ecPoint("secp256r1")).string("ssh:");
    }

    private static SshWire skEd25519Blob() throws Exception {
        return SshWire.blob().string("sk-ssh-ed25519@openssh.com").string(SshWire.ed25519Raw()).string("ssh:");
    }

    /** An ssh-dss blob: string type, mpint p, q, g, y. Values are random; the type alone gets it refused. */
    private static String dsaBlob() {
        Random random = new Random(42);
        return SshWire.blob().string("ssh-dss").mpint(new BigInteger(1024, random).setBit(1023))
                .mpint(new BigInteger(160, random)).mpint(new BigInteger(1024, random)).mpint(new BigInteger(1024, random))
                .base64();
    }

    private static String pub(String name) throws IOException {
        return Files.readString(dir.resolve(name + ".pub")).strip();
    }

    private static String field(String line, int index) {
        return line.split(" ")[index];
    }

    private static String sshKeygenFingerprint(Path pub) throws Exception {
        // "256 SHA256:abc... comment (ED25519)"
        return run(SSH_KEYGEN, "-l", "-E", "sha256", "-f", pub.toString()).split(" ")[1];
    }

    private static int sshKeygenBits(Path pub) throws Exception {
        return Integer.parseInt(run(SSH_KEYGEN, "-l", "-f", pub.toString()).split(" ")[0]);
    }

    private static void keygen(String name, String comment, String... typeArgs) throws Exception {
        List<String> command = new ArrayList<>(List.of(SSH_KEYGEN, "-q", "-N", "", "-C", comment, "-f", dir.resolve(name).toString()));
        command.addAll(List.of(typeArgs));
        run(command.toArray(String[]::new));
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "ssh-keygen hangs");
        assertEquals(0, process.exitValue(), () -> String.join(" ", command) + " failed: " + output);
        return output;
    }

    /** Builds a multi-line paste and remembers at which line each piece starts. */
    private static final class Paste {
        private final List<String> lines = new ArrayList<>();

        int add(String line) {
            lines.add(line);
            return lines.size();
        }

        int addAll(String block) {
            int first = lines.size() + 1;
            lines.addAll(List.of(block.strip().split("\n")));
            return first;
        }

        String text() {
            return String.join("\n", lines) + "\n";
        }
    }
}
