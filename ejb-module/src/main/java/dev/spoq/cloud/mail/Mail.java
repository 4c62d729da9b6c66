package dev.spoq.cloud.mail;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Date;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one mail adapter: plain-text messages through Liberty's mail session {@code mail/spoq} (server.xml: host,
 * port, sender and STARTTLS from spoq.mail.*). A login is used only when spoq.mail.user is set.
 */
@ApplicationScoped
public class Mail {

    private static final Logger LOG = Logger.getLogger(Mail.class.getName());

    @Resource(lookup = "mail/spoq")
    Session session;

    @Inject
    @ConfigProperty(name = "spoq.mail.user")
    Optional<String> user;

    @Inject
    @ConfigProperty(name = "spoq.mail.password")
    Optional<String> password;

    /**
     * Sends one message. A mail server that is down must not undo what the message is about (a suspension
     * happens whether or not its email gets out), so a failure is logged and reported as false, not thrown.
     */
    public boolean send(String to, String subject, String text) {
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(); // mail.from of the session
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
            message.setSubject(subject, "UTF-8");
            message.setText(text, "UTF-8");
            message.setSentDate(new Date());
            Optional<String> login = user.filter(u -> !u.isBlank());
            if (login.isPresent()) {
                Transport.send(message, login.get(), password.orElse(""));
            } else {
                Transport.send(message);
            }
            return true;
        } catch (MessagingException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not send the email \"" + subject + "\": " + e);
            return false;
        }
    }
}
