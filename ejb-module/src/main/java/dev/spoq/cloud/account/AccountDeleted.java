package dev.spoq.cloud.account;

import java.time.Instant;
import java.util.UUID;

/**
 * Fired (CDI, synchronously, inside the deletion's transaction) when an account leaves, after its computer's
 * deletion was requested and before its email is forgotten. Components that keep something of the account
 * elsewhere (backups, say) observe it and remove theirs: {@code void on(@Observes AccountDeleted gone)} joins the
 * transaction, so a failure undoes the deletion; {@code @Observes(during = TransactionPhase.AFTER_SUCCESS)}
 * acts only once it is committed.
 *
 * @param subdomain the address the account had (its computer's name), null if it never claimed one
 */
public record AccountDeleted(UUID userId, String subdomain, Instant at) {
}
