package dev.spoq.cloud.account;

import java.time.Duration;

/** The account emails' words: short, plain text, each with the one link to act on. */
final class AccountMails {

    private static final String SIGNATURE = "\n\n-- \nSpoq Cloud\n";

    private AccountMails() {
    }

    record Letter(String subject, String text) {
    }

    static Letter verify(String link, Duration verifyWithin) {
        return new Letter("Confirm your email for Spoq Cloud",
                "Hi,\n\nplease confirm that this is your email address by opening this link:\n\n" + link + "\n\n"
                        + "Your computer is already running. An account whose email is not confirmed within "
                        + hours(verifyWithin) + " has its computer stopped until it is confirmed; your files stay.\n\n"
                        + "If you did not sign up for Spoq Cloud, ignore this email." + SIGNATURE);
    }

    static Letter suspendedUnverified(String link) {
        return new Letter("Your Spoq computer is stopped until you confirm your email",
                "Hi,\n\nyour email address is still not confirmed, so your Spoq computer has been stopped. Your files are kept.\n"
                        + "Confirm it to start the computer again:\n\n" + link + SIGNATURE);
    }

    static Letter reset(String link, Duration life) {
        return new Letter("Reset your Spoq Cloud password",
                "Hi,\n\nsomeone (probably you) asked to reset the password of your Spoq Cloud account.\n"
                        + "Choose a new one here; the link works once, for " + minutes(life) + ":\n\n" + link + "\n\n"
                        + "If you did not ask for this, ignore this email: your password stays as it is." + SIGNATURE);
    }

    static Letter passwordChanged(String site) {
        return new Letter("Your Spoq Cloud password was changed",
                "Hi,\n\nthe password of your Spoq Cloud account was just changed, and every other session was logged out.\n"
                        + "If this was not you, reset your password now at " + site + "/forgot-password" + SIGNATURE);
    }

    static Letter deleted() {
        return new Letter("Your Spoq Cloud account was deleted",
                "Hi,\n\nyour Spoq Cloud account has been deleted, together with your computer and its files.\n"
                        + "A subscription, if you had one, was canceled. Thank you for having been with us." + SIGNATURE);
    }

    private static String hours(Duration d) {
        long h = d.toHours();
        return h == 1 ? "1 hour" : h + " hours";
    }

    private static String minutes(Duration d) {
        long m = d.toMinutes();
        return m % 60 == 0 ? (m == 60 ? "1 hour" : m / 60 + " hours") : m + " minutes";
    }
}
