package dev.spoq.cloud.billing;

import io.prometheus.metrics.core.metrics.Counter;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The {@code payment_failed_total} counter (default registry, served at /spoq/metrics): one for every account that
 * billing moves to past_due because Stripe says a payment failed. Counted when the change commits, so an event
 * whose handling rolls back and is redelivered counts once.
 */
@ApplicationScoped
public class PaymentFailures {

    private static final Counter FAILED = Counter.builder().name("payment_failed_total")
            .help("Accounts moved to past_due because a payment failed (Stripe invoice.payment_failed)").register();

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** At start, so that the counter is scraped (at 0) before the first failure, as a rate over it needs. */
    void registerAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        FAILED.get();
    }

    /** Inside the transaction that records the failure. */
    public void recorded() {
        if (transactions.getTransactionKey() == null) {
            FAILED.inc();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    FAILED.inc();
                }
            }
        });
    }
}
