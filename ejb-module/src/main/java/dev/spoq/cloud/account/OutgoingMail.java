package dev.spoq.cloud.account;

import java.util.UUID;

/** A message to send once the transaction that wrote its reason has committed (see {@link AccountMailer}). */
record OutgoingMail(UUID userId, String to, String subject, String text) {
}
