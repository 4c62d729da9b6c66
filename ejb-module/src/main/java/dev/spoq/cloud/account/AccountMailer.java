package dev.spoq.cloud.account;

import dev.spoq.cloud.audit.AuditLog;
import dev.spoq.cloud.mail.Mail;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * Sends account emails after their transaction commits (a link works only once its row exists), and off the
 * request's thread: a reset request for an address with an account must take as long as one for an unknown
 * address, so the SMTP conversation cannot happen while the caller waits.
 */
@ApplicationScoped
public class AccountMailer {

    @Inject
    Mail mail;

    @Inject
    AuditLog audit;

    @Resource
    ManagedExecutorService executor;

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutgoingMail message) {
        executor.submit(() -> {
            if (mail.send(message.to(), message.subject(), message.text())) {
                audit.recordIndependently(message.userId(), "account.mail.sent", message.subject(), null);
            }
        });
    }
}
