package dev.spoq.cloud.gateway.login;

/**
 * What a user reads in their terminal: the control plane's words for its decisions, made safe for a
 * terminal, and the few things only the gateway can see (the control plane or the computer not answering,
 * a wait that ran out). Plain ASCII with CRLF line ends: the OpenSSH client escapes anything else when the
 * local locale is not UTF-8.
 */
public final class UserMessages {
    private static final int MAX_LINE = 300;

    private UserMessages() {
    }

    /** The control plane's message for the terminal: each line printable ASCII of reasonable length. */
    static String fromControlPlane(String message) {
        String[] lines = message == null ? new String[0]
                : message.lines().map(UserMessages::sanitize).filter(line -> !line.isEmpty()).toArray(String[]::new);
        return lines.length == 0 ? unavailable() : lines(lines);
    }

    static String didNotStart(long seconds) {
        return lines("Your Spoq computer did not finish starting within " + seconds + " seconds.",
                "Please try again in a minute; the dashboard shows its status.");
    }

    static String unavailable() {
        return lines("Your Spoq computer is not available right now. Please try again in a minute.");
    }

    public static String notAnswering() {
        return lines("Your Spoq computer is not answering right now. Please try again in a minute;",
                "if it keeps happening, restart it from the Spoq dashboard.");
    }

    /** The control plane stopped knowing the (login, key) while the login waited: the device was removed. */
    static String deviceRemoved() {
        return lines("This device was removed from your Spoq account.");
    }

    /** A message as one line, for an SSH disconnect reason. */
    static String oneLine(String message) {
        return message.replace("\r\n", " ").strip();
    }

    private static String lines(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }

    private static String sanitize(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7e]", " ").strip();
        return printable.length() > MAX_LINE ? printable.substring(0, MAX_LINE) + "..." : printable;
    }
}
