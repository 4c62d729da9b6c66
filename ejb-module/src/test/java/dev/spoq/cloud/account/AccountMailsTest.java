package dev.spoq.cloud.account;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccountMailsTest {

    @Test
    void theResetMailCarriesTheLinkAndHowLongItWorks() {
        AccountMails.Letter letter = AccountMails.reset("https://spoq.dev/reset-password?token=abc", Duration.ofMinutes(60));
        assertTrue(letter.text().contains("https://spoq.dev/reset-password?token=abc"), letter.text());
        assertTrue(letter.text().contains("for 1 hour"), letter.text());
        assertTrue(AccountMails.reset("x", Duration.ofMinutes(15)).text().contains("for 15 minutes"));
    }

    @Test
    void theVerificationMailNamesTheDeadline() {
        assertTrue(AccountMails.verify("https://spoq.dev/verify-email?token=t", Duration.ofHours(48)).text().contains("within 48 hours"));
    }

    @Test
    void aDeletedAccountsEmailBecomesAUniqueNonAddressHoldingOnlyItsHash() {
        String hash = AccountDeletion.emailHash(" Alice@Example.com ");
        assertEquals(AccountService.sha256("alice@example.com"), hash);
        UUID id = UUID.randomUUID();
        String tombstone = AccountDeletion.tombstoneEmail(id, hash);
        assertFalse(tombstone.contains("@"), tombstone);
        assertTrue(tombstone.contains(hash) && tombstone.contains(id.toString()), tombstone);
        assertTrue(tombstone.length() <= 254);
    }
}
