package dev.spoq.cloud.sshkey;

/**
 * Why one line of key text cannot be used. Internal control flow of the parser: it always ends up as a
 * {@link RejectedKeyLine}, never escapes the package, so it carries no stack trace.
 */
final class KeyLineRejection extends Exception {

    KeyLineRejection(String reason) {
        super(reason, null, false, false);
    }

    String reason() {
        return getMessage();
    }
}
