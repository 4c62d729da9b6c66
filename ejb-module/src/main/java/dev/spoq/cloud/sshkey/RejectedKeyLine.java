package dev.spoq.cloud.sshkey;

/**
 * A line of pasted key text that was not accepted, and why, in words the user can act on.
 *
 * @param line   1-based line number in the text the user sent
 * @param reason human readable reason
 */
public record RejectedKeyLine(int line, String reason) {
}
