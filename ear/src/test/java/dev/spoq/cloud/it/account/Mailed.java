package dev.spoq.cloud.it.account;

import dev.spoq.cloud.it.support.Inbox;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The links the platform mails, read from the test's real SMTP server (GreenMail, {@link Inbox}). */
final class Mailed {

    static final Duration ARRIVES = Duration.ofSeconds(20);
    private static final Pattern LINK = Pattern.compile("(https?://\\S+/(verify-email|reset-password)\\?token=([A-Za-z0-9_-]+))");

    private Mailed() {
    }

    /** Waits for the count-th message to the address whose subject has these words; returns it. */
    static Inbox.Mail await(String to, String subject, int count) {
        return org.awaitility.Awaitility.await("mail #" + count + " '" + subject + "' to " + to).atMost(ARRIVES)
                .until(() -> Inbox.to(to, subject), mails -> mails.size() >= count).get(count - 1);
    }

    static Inbox.Mail await(String to, String subject) {
        return await(to, subject, 1);
    }

    /** The link in a message. */
    static URI link(Inbox.Mail mail) {
        Matcher m = LINK.matcher(mail.text());
        assertTrue(m.find(), "a link in: " + mail.text());
        return URI.create(m.group(1));
    }

    static String token(Inbox.Mail mail) {
        Matcher m = LINK.matcher(mail.text());
        assertTrue(m.find(), "a link in: " + mail.text());
        return m.group(3);
    }

    static List<Inbox.Mail> all(String to) {
        return Inbox.to(to);
    }

    /** Nothing more arrives for the address within a few seconds. */
    static void nothingFor(String to, Duration within) {
        int before = Inbox.to(to).size();
        try {
            Thread.sleep(within.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertTrue(Inbox.to(to).size() == before, "no mail to " + to + ": " + Inbox.to(to));
    }
}
