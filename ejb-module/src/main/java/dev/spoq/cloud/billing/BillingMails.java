package dev.spoq.cloud.billing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The billing emails' words: short, plain text, each with the link to act on. */
final class BillingMails {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final String SIGNATURE = "\n\n-- \nSpoq Cloud\n";

    private BillingMails() {
    }

    record Letter(String subject, String text) {
    }

    static Letter trialEnding(Instant trialEndsAt, String dashboard) {
        return new Letter("Your Spoq trial ends in 2 days",
                "Hi,\n\nyour free trial of Spoq Cloud ends on " + DAY.format(trialEndsAt) + ".\n"
                        + "Subscribe for $15 a month or $150 a year (two months free) to keep your computer running:\n\n"
                        + dashboard + "\n\nYour files stay where they are." + SIGNATURE);
    }

    static Letter paymentFailed(Instant graceEnds, String dashboard) {
        return new Letter("Your Spoq payment failed",
                "Hi,\n\nthe last payment for your Spoq subscription did not go through.\n"
                        + "Your computer keeps running until " + DAY.format(graceEnds) + ". Update your card here:\n\n"
                        + dashboard + SIGNATURE);
    }

    static Letter suspended(Instant deletionAt, String dashboard) {
        return new Letter("Your Spoq computer is suspended",
                "Hi,\n\nyour Spoq subscription is not active, so your computer has been stopped.\n"
                        + "Your files are kept until " + DAY.format(deletionAt) + ". Renew to start it again, files and all:\n\n"
                        + dashboard + SIGNATURE);
    }

    static Letter deletionComing(Instant deletionAt, String dashboard) {
        return new Letter("Your Spoq files will be deleted on " + DAY.format(deletionAt),
                "Hi,\n\nyour Spoq computer has been suspended for a while. On " + DAY.format(deletionAt)
                        + " it is deleted with all its files.\n"
                        + "Renew before then to keep them:\n\n" + dashboard + SIGNATURE);
    }
}
