package dev.spoq.cloud.device;

import java.util.List;
import java.util.UUID;

/**
 * The copies of one key (by fingerprint) in all accounts, and what they allow when a device with that key
 * is added: a key some other account has confirmed is that account's; unconfirmed copies elsewhere block
 * nobody (whoever holds the private key decides with a pairing code which account gets it).
 */
record KeyCopies(List<Copy> copies) {

    record Copy(UUID userId, UUID profileId, boolean confirmed) {
    }

    /** Why this key cannot be added to (user, profile), or null when it can. */
    String refusalFor(UUID userId, UUID profileId) {
        for (Copy copy : copies) {
            if (!copy.userId().equals(userId) && copy.confirmed()) {
                return "this key belongs to another account";
            }
        }
        for (Copy copy : copies) {
            if (copy.userId().equals(userId) && copy.profileId().equals(profileId)) {
                return "this key is already added to this profile";
            }
        }
        return null;
    }

    /** The account already proved this key in a login (on another of its profiles). */
    boolean confirmedIn(UUID userId) {
        return copies.stream().anyMatch(c -> c.userId().equals(userId) && c.confirmed());
    }
}
