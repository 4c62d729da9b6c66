package dev.spoq.cloud.device;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pairing codes, and which copies of a key let a device with it be added. */
class PairingCodeTest {

    @Test
    void codesAreEightLettersOfTheAlphabetAndDiffer() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String code = PairingCode.generate();
            assertTrue(code.matches("[" + PairingCode.ALPHABET + "]{8}"), code);
            seen.add(code);
        }
        assertEquals(1000, seen.size());
    }

    @Test
    void aCodeIsTypedInAnyCaseWithOrWithoutItsDash() {
        assertEquals("WDJB-MJHT", PairingCode.display("WDJBMJHT"));
        assertTrue(PairingCode.matches("WDJBMJHT", "WDJB-MJHT"));
        assertTrue(PairingCode.matches("WDJBMJHT", " wdjb mjht\n"));
        assertFalse(PairingCode.matches("WDJBMJHT", "WDJB-MJHX"));
        assertFalse(PairingCode.matches("WDJBMJHT", "WDJBMJH"));
        assertFalse(PairingCode.matches("WDJBMJHT", ""));
        assertFalse(PairingCode.matches(null, "WDJBMJHT"), "a device without a code pairs nothing");
    }

    @Test
    void aKeyConfirmedElsewhereIsRefusedWhileUnconfirmedCopiesBlockNobody() {
        UUID owner = UUID.randomUUID();
        UUID squatter = UUID.randomUUID();
        UUID ownerProfile = UUID.randomUUID();
        UUID otherProfile = UUID.randomUUID();

        KeyCopies squatted = new KeyCopies(List.of(new KeyCopies.Copy(squatter, UUID.randomUUID(), false)));
        assertNull(squatted.refusalFor(owner, ownerProfile));
        assertFalse(squatted.confirmedIn(owner));

        KeyCopies owned = new KeyCopies(List.of(new KeyCopies.Copy(owner, ownerProfile, true)));
        assertEquals("this key belongs to another account", owned.refusalFor(squatter, otherProfile));
        assertEquals("this key is already added to this profile", owned.refusalFor(owner, ownerProfile));
        assertNull(owned.refusalFor(owner, otherProfile));
        assertTrue(owned.confirmedIn(owner), "another profile of the owning account needs no pairing");
    }
}
