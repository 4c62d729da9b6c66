package dev.spoq.cloud.sshkey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads pasted public key text (a .pub file, an authorized_keys file, or an ssh.id answer) and sorts each
 * line into accepted keys and rejected lines. Never throws for bad input: every problem becomes a
 * {@link RejectedKeyLine} so that the user sees all of them at once.
 * <p>
 * Stateless and thread-safe.
 */
public class PublicKeyParser {

    /** More than any person has devices; bounds the work one request can cause. */
    public static final int MAX_CONTENT_LINES = 64;

    /** An RSA 16384 key line is about 2.8 KB; anything far longer is not a public key. */
    public static final int MAX_LINE_CHARS = 16 * 1024;

    private static final String PRIVATE_KEY_REASON =
            "this is a PRIVATE key: never share it; paste the .pub file";

    // PEM ("-----BEGIN RSA PRIVATE KEY-----") and RFC 4716 ("---- BEGIN SSH2 PUBLIC KEY ----") armour
    private static final Pattern ARMOUR_BEGIN = Pattern.compile("-{4,5} ?BEGIN ([A-Z0-9 ]+?) ?-{4,5}");
    private static final Pattern ARMOUR_END = Pattern.compile("-{4,5} ?END [A-Z0-9 ]+?-{4,5}");
    private static final Pattern PUTTY_BEGIN = Pattern.compile("PuTTY-User-Key-File-\\d+:.*");

    public ParsedKeys parse(String text) {
        List<SshPublicKey> accepted = new ArrayList<>();
        List<RejectedKeyLine> rejected = new ArrayList<>();
        Map<String, Integer> lineByFingerprint = new LinkedHashMap<>();

        String[] lines = text == null ? new String[0] : text.split("\n", -1);
        int contentLines = 0;
        Block openBlock = null;
        for (int index = 0; index < lines.length; index++) {
            int lineNumber = index + 1;
            String line = withoutBom(index, lines[index]).trim();
            if (openBlock != null) {
                if (openBlock.endsWith(line)) {
                    openBlock = null;
                }
                continue;
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            contentLines++;
            Block block = Block.startingAt(line);
            if (block != null) {
                // the body of a block is one thing the user pasted, not dozens of broken key lines;
                // reported even past the line limit: a leaked private key is worth a warning of its own
                openBlock = block;
                rejected.add(new RejectedKeyLine(lineNumber, block.reason()));
            } else if (contentLines > MAX_CONTENT_LINES) {
                if (contentLines <= 2 * MAX_CONTENT_LINES) {
                    rejected.add(new RejectedKeyLine(lineNumber,
                            "too many lines: at most " + MAX_CONTENT_LINES + " keys can be added at once"));
                } else {
                    // a pasted log file must not turn into thousands of rejections in the answer
                    rejected.add(new RejectedKeyLine(lineNumber, "too many lines: this line and all lines after it "
                            + "were not read"));
                    break;
                }
            } else if (line.length() > MAX_LINE_CHARS) {
                rejected.add(new RejectedKeyLine(lineNumber, "line is longer than 16 KiB; not an SSH public key"));
            } else {
                acceptOrReject(line, lineNumber, accepted, rejected, lineByFingerprint);
            }
        }
        return new ParsedKeys(accepted, rejected, lineByFingerprint);
    }

    private static void acceptOrReject(String line, int lineNumber, List<SshPublicKey> accepted,
                                       List<RejectedKeyLine> rejected, Map<String, Integer> lineByFingerprint) {
        SshPublicKey key;
        try {
            key = KeyLineParser.parse(line);
        } catch (KeyLineRejection rejection) {
            rejected.add(new RejectedKeyLine(lineNumber, rejection.reason()));
            return;
        }
        Integer firstLine = lineByFingerprint.putIfAbsent(key.fingerprint(), lineNumber);
        if (firstLine != null) {
            rejected.add(new RejectedKeyLine(lineNumber, "duplicate of line " + firstLine));
        } else {
            accepted.add(key);
        }
    }

    private static String withoutBom(int index, String line) {
        // editors on Windows like to start files with a byte order mark
        return index == 0 && line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    /** A multi-line armoured block (PEM, RFC 4716, PuTTY) that is rejected as a whole. */
    private record Block(Pattern end, String reason) {

        static Block startingAt(String line) {
            Matcher begin = ARMOUR_BEGIN.matcher(line);
            if (begin.matches()) {
                String label = begin.group(1);
                return new Block(ARMOUR_END, reasonForArmour(label));
            }
            if (PUTTY_BEGIN.matcher(line).matches()) {
                return new Block(Pattern.compile("Private-MAC:.*"), PRIVATE_KEY_REASON);
            }
            return null;
        }

        private static String reasonForArmour(String label) {
            if (label.contains("PRIVATE KEY")) {
                return PRIVATE_KEY_REASON;
            }
            if (label.equals("SSH2 PUBLIC KEY")) {
                return "SSH2 (RFC 4716) format is not supported; convert it with 'ssh-keygen -i -f key.pub' "
                        + "and paste the resulting one-line key";
            }
            return "'BEGIN " + label + "' blocks are not supported; paste the one-line OpenSSH public key "
                    + "(the .pub file, starting with e.g. 'ssh-ed25519')";
        }

        boolean endsWith(String line) {
            return end.matcher(line).matches();
        }
    }
}
