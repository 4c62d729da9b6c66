package dev.spoq.cloud.it.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import org.awaitility.Awaitility;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.util.Arrays;
import java.util.List;

/**
 * A real SMTP server (GreenMail) inside the test JVM, on {@code spoq.it.smtp.port}, where the IT server's mail
 * session sends ({@code spoq.mail.host}/{@code spoq.mail.port} in ear/pom.xml's profile {@code it}). Started once
 * for the JVM; tests read the messages sent to their own unique addresses.
 */
public final class Inbox {

    /** One received message, as plain text. */
    public record Mail(String to, String from, String subject, String text) {
    }

    private static GreenMail server;

    private Inbox() {
    }

    public static synchronized void ensureStarted() {
        if (server != null) {
            return;
        }
        int port = Integer.parseInt(System.getProperty("spoq.it.smtp.port", "13025"));
        GreenMail created = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        created.start();
        server = created;
        // Awaitility fails a waiting test with any uncaught exception of any thread in this JVM; a server stopped
        // mid-mail (ServerCrashIT's kill -9) makes a GreenMail handler thread throw "Connection reset", which says
        // nothing about the test that is waiting. Tests assert what they wait for, not other threads' deaths.
        Awaitility.doNotCatchUncaughtExceptionsByDefault();
        Runtime.getRuntime().addShutdownHook(new Thread(created::stop, "greenmail-stop"));
    }

    /** Every message received so far for this address, oldest first. */
    public static List<Mail> to(String address) {
        ensureStarted();
        return Arrays.stream(server.getReceivedMessages()).map(Inbox::read)
                .filter(mail -> mail.to().equalsIgnoreCase(address)).toList();
    }

    /** The messages to this address whose subject contains the words. */
    public static List<Mail> to(String address, String subjectContains) {
        return to(address).stream().filter(mail -> mail.subject().contains(subjectContains)).toList();
    }

    private static Mail read(MimeMessage message) {
        try {
            String to = message.getAllRecipients() == null || message.getAllRecipients().length == 0 ? ""
                    : message.getAllRecipients()[0].toString();
            String from = message.getFrom() == null || message.getFrom().length == 0 ? "" : message.getFrom()[0].toString();
            return new Mail(to, from, message.getSubject(), GreenMailUtil.getBody(message));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
