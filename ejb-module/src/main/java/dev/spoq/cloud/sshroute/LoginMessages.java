package dev.spoq.cloud.sshroute;

import dev.spoq.cloud.account.SubscriptionStatus;

import java.util.Optional;

/**
 * What a user reads in their terminal when an SSH login does not simply land: one sentence a line, plain
 * ASCII. The gateway shows these as they are (SSH banners, or the channel's stderr).
 */
final class LoginMessages {
    private LoginMessages() {
    }

    static String starting() {
        return "Starting your Spoq computer... this usually takes a few seconds.";
    }

    static String failed(String reason) {
        String why = reason == null || reason.isBlank() ? "no reason was given" : reason.replaceAll("\\s+", " ").strip();
        return "Your Spoq computer could not be started: " + why + ".\n"
                + "We are on it; the dashboard shows its status and you can retry from there.";
    }

    static String subscriptionEnded(SubscriptionStatus subscription) {
        return subscription == SubscriptionStatus.CANCELED
                ? "Your Spoq computer is suspended because the subscription was canceled.\n"
                + "Your files are kept. Subscribe again on the Spoq dashboard to log in again."
                : "Your Spoq computer is suspended because the subscription is not active.\n"
                + "Your files are kept. Renew the subscription on the Spoq dashboard to log in again.";
    }

    static String suspended() {
        return "Your Spoq computer is suspended. Your files are kept.\n"
                + "The Spoq dashboard shows its status.";
    }

    static String deleted() {
        return "This Spoq computer has been deleted.";
    }

    static String noComputer() {
        return "You have no Spoq computer yet. Claim your address on the Spoq dashboard to create one.";
    }

    static String paymentPastDue() {
        return "Notice: the last payment for your Spoq subscription failed.\n"
                + "Please update your payment method on the Spoq dashboard to keep your computer running.";
    }

    /** A notice, if any, above the message. */
    static String joined(Optional<String> notice, String message) {
        return notice.map(n -> n + "\n" + message).orElse(message);
    }
}
