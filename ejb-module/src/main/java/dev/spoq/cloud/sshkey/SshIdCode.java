package dev.spoq.cloud.sshkey;

import dev.spoq.cloud.problem.SpoqProblem;

import java.util.regex.Pattern;

/**
 * The code a Termius user shares to publish their keys on ssh.id. It is put into a URL path, so only
 * characters that need no escaping and cannot walk the path ("..", "/", "%") are allowed.
 */
public final class SshIdCode {

    public static final String FIELD = "sshid_code";

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private SshIdCode() {
    }

    /** @return the code unchanged if valid; otherwise throws a 400 problem on field {@code sshid_code} */
    public static String requireValid(String code) {
        if (code == null || !VALID.matcher(code).matches()) {
            throw SpoqProblem.invalid(FIELD, "sshid_code must be 1 to 32 characters of letters, digits, '_' or '-' "
                    + "(the SSH ID code shown in Termius under Settings → SSH ID)");
        }
        return code;
    }
}
