package dev.spoq.cloud.sshroute;

import dev.spoq.cloud.account.SubscriptionStatus;

import dev.spoq.cloud.device.DevicePairing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * What a user reads in their terminal when an SSH login does not simply land: one sentence a line, plain
 * ASCII. The gateway shows these as they are (SSH banners, or the channel's stderr).
 */
final class LoginMessages {
    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private LoginMessages() {
    }

    static String starting() {
        return "Starting your Spoq computer... this usually takes a few seconds.";
    }

    /** The one line a login to a sleeping computer reads before its shell. */
    static String waking() {
        return "Waking up your computer...";
    }

    static String failed(String reason) {
        String why = reason == null || reason.isBlank() ? "no reason was given" : reason.replaceAll("\\s+", " ").strip();
        return "Your Spoq computer could not be started: " + why + ".\n"
                + "We are on it; the dashboard shows its status and you can retry from there.";
    }

    /** The subscription ended or went unpaid: the banner names the page where it is renewed. */
    static String subscriptionEnded(SubscriptionStatus subscription, String renewPage) {
        return (subscription == SubscriptionStatus.CANCELED
                ? "Your Spoq computer is suspended because the subscription was canceled.\n"
                : "Your Spoq computer is suspended because the subscription is not active.\n")
                + "Your files are kept. Renew the subscription on " + renewPage + " to log in again.";
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

    /** One line: the login goes on, the user should update their card. */
    static String paymentPastDue(String renewPage) {
        return "Notice: the last payment for your Spoq subscription failed. Update your card on " + renewPage
                + " to keep your computer running.";
    }

    static String awaitingPairing() {
        return "Spoq: this device is not paired yet. Log in once with ssh from a terminal"
                + " and type the pairing code shown beside this device on the Spoq dashboard.";
    }

    static String wrongPairingCode(int triesLeft) {
        return "That is not the pairing code of this device. " + triesLeft + " more wrong "
                + (triesLeft == 1 ? "code locks" : "codes lock") + " its pairing for " + DevicePairing.LOCK.toMinutes() + " minutes.";
    }

    static String pairingLocked(Instant until) {
        return "Too many wrong pairing codes: this device can be paired again after "
                + UNTIL.format(until) + ". The Spoq dashboard shows its code.";
    }

    /** A notice, if any, above the message. */
    static String joined(Optional<String> notice, String message) {
        return notice.map(n -> n + "\n" + message).orElse(message);
    }
}
