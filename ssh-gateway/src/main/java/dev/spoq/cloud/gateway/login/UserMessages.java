package dev.spoq.cloud.gateway.login;

/**
 * What a user reads in their terminal when the gateway cannot take them to their computer. Plain ASCII:
 * the OpenSSH client escapes anything else when the local locale is not UTF-8.
 */
final class UserMessages {
    private UserMessages() {
    }

    static String starting() {
        return lines("Starting your Spoq computer... this usually takes a few seconds.");
    }

    static String didNotStart(long seconds) {
        return lines("Your Spoq computer did not finish starting within " + seconds + " seconds.",
                "Please try again in a minute; the dashboard shows its status.");
    }

    static String failed(String reason) {
        String why = reason == null || reason.isBlank() ? "no reason was given" : sanitize(reason);
        return lines("Your Spoq computer could not be started: " + why + ".",
                "We are on it; the dashboard shows its status and you can retry from there.");
    }

    static String suspended() {
        return lines("Your Spoq computer is suspended because the subscription is not active.",
                "Your files are kept. Renew the subscription on the Spoq dashboard to log in again.");
    }

    static String gone() {
        return lines("This Spoq computer has been deleted.");
    }

    static String unavailable() {
        return lines("Your Spoq computer is not available right now. Please try again in a minute.");
    }

    static String notAnswering() {
        return lines("Your Spoq computer is not answering right now. Please try again in a minute;",
                "if it keeps happening, restart it from the Spoq dashboard.");
    }

    static String paymentPastDue() {
        return lines("Notice: the last payment for your Spoq subscription failed.",
                "Please update your payment method on the Spoq dashboard to keep your computer running.");
    }

    /** A message as one line, for an SSH disconnect reason. */
    static String oneLine(String message) {
        return message.replace("\r\n", " ").strip();
    }

    private static String lines(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }

    /** The control plane's reason goes to a terminal: keep it one printable line of reasonable length. */
    static String sanitize(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7e]", " ").strip();
        return printable.length() > 300 ? printable.substring(0, 300) + "..." : printable;
    }
}
