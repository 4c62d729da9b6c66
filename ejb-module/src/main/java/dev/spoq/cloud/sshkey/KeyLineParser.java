package dev.spoq.cloud.sshkey;

import org.apache.sshd.common.util.buffer.BufferException;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/** Turns one non-blank, non-comment line of the form {@code type base64 [comment]} into a key, or says why not. */
final class KeyLineParser {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private KeyLineParser() {
    }

    static SshPublicKey parse(String line) throws KeyLineRejection {
        String[] fields = WHITESPACE.split(line, 3);
        String type = fields[0];
        if (!KeyTypes.looksLikeKeyType(type)) {
            throw explainNonKeyLine(line);
        }
        String refusal = KeyTypes.refusalFor(type);
        if (refusal != null) {
            throw new KeyLineRejection(refusal);
        }
        if (fields.length < 2) {
            throw new KeyLineRejection("the base64 key data after '" + type + "' is missing");
        }
        byte[] blob = decodeBase64(fields[1]);
        int bits = KeyBlobValidator.validate(type, blob);
        String comment = fields.length == 3 ? Texts.cleanComment(fields[2]) : null;
        return SshPublicKey.fromBlob(type, blob, comment, bits);
    }

    private static byte[] decodeBase64(String text) throws KeyLineRejection {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new KeyLineRejection("the key data is not valid base64 (was the key cut or wrapped while copying?)");
        }
    }

    /** Guesses what the user pasted, because "garbage" alone does not tell them what to fix. */
    private static KeyLineRejection explainNonKeyLine(String line) {
        String[] tokens = WHITESPACE.split(line);
        for (int i = 1; i < tokens.length; i++) {
            if (KeyTypes.looksLikeKeyType(tokens[i])) {
                // sshd would honour e.g. command="..." or from="..." here; Spoq manages access itself
                return new KeyLineRejection("options are not allowed (authorized_keys options such as "
                        + "'command=' or 'no-pty'); paste the key starting at its type '" + Texts.quoteable(tokens[i]) + "'");
            }
        }
        String typeInsideBlob = typeInside(tokens[0]);
        if (typeInsideBlob != null) {
            return new KeyLineRejection("the key type is missing: the line should start with '"
                    + typeInsideBlob + "' followed by the key data");
        }
        return new KeyLineRejection("not an SSH public key: expected 'type key [comment]', "
                + "e.g. 'ssh-ed25519 AAAAC3Nz... you@laptop' (the contents of your .pub file)");
    }

    private static String typeInside(String maybeBase64) {
        try {
            String type = new ByteArrayBuffer(Base64.getDecoder().decode(maybeBase64)).getString(StandardCharsets.ISO_8859_1);
            return Texts.isPrintableAscii(type) && KeyTypes.looksLikeKeyType(type) ? type : null;
        } catch (IllegalArgumentException | BufferException e) {
            return null;
        }
    }
}
