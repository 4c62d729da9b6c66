package dev.spoq.cloud.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/** Makes and redeems the tokens of mailed links: 256 random bits, only their SHA-256 stored, used once, expiring. */
@ApplicationScoped
class EmailLinks {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext
    EntityManager em;

    /** A new link's token (the caller puts it in the mail; nobody else ever sees it). */
    public String issue(User user, EmailLinkPurpose purpose, Duration life) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        em.persist(new EmailLink(user.id(), purpose, AccountService.sha256(token), user.email(), Instant.now().plus(life)));
        return token;
    }

    /**
     * The unused, unexpired link of this token for this purpose, locked and marked used (in the caller's
     * transaction: two clicks at once redeem it once); empty for anything else, whatever the reason.
     */
    public Optional<EmailLink> redeem(String token, EmailLinkPurpose purpose) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        Optional<EmailLink> found = em.createNamedQuery("EmailLink.byHash", EmailLink.class)
                .setParameter("hash", AccountService.sha256(token.strip()))
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst();
        Instant now = Instant.now();
        Optional<EmailLink> usable = found.filter(link -> link.isFor(purpose) && link.isUsableAt(now));
        usable.ifPresent(link -> link.use(now));
        return usable;
    }

    /** Every outstanding link of the account for this purpose stops working (a new password, a deletion). */
    public void voidAll(UUID userId, EmailLinkPurpose purpose) {
        em.createQuery("UPDATE EmailLink l SET l.usedAt = :now WHERE l.userId = :u AND l.purpose = :p AND l.usedAt IS NULL")
                .setParameter("now", Instant.now()).setParameter("u", userId).setParameter("p", purpose.wireName())
                .executeUpdate();
    }
}
