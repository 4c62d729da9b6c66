package dev.spoq.cloud.device;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A device's pairing state: its code while a key awaits its first login, the count of wrong codes, the lock. */
class DevicePairingStateTest {

    private static Device deviceWithKeys(Instant... confirmed) {
        Device device = new Device(UUID.randomUUID(), UUID.randomUUID(), "laptop", null);
        for (int i = 0; i < confirmed.length; i++) {
            device.addKey("ssh-ed25519", "SHA256:k" + i, "ssh-ed25519 AAAA" + i, null, confirmed[i]);
        }
        device.settlePairingCode();
        return device;
    }

    @Test
    void aNewDeviceAwaitsItsFirstLoginWithACode_oneOfAnAlreadyOwnedKeyDoesNot() {
        Device fresh = deviceWithKeys((Instant) null);
        assertFalse(fresh.paired());
        assertNotNull(fresh.pairingCode());

        Device owned = deviceWithKeys(Instant.now());
        assertTrue(owned.paired());
        assertNull(owned.pairingCode());
    }

    @Test
    void theCodeStaysWhileAnyKeyAwaitsItsFirstLoginAndGoesWithTheLast() {
        Device device = deviceWithKeys(null, null);
        String code = device.pairingCode();

        device.keys().get(0).confirm(Instant.now());
        device.settlePairingCode();
        assertTrue(device.paired());
        assertEquals(code, device.pairingCode(), "the device's other key still pairs with the same code");

        device.keys().get(1).confirm(Instant.now());
        device.settlePairingCode();
        assertNull(device.pairingCode());
    }

    @Test
    void theFifthWrongCodeLocksPairingForAWhile() {
        Device device = deviceWithKeys((Instant) null);
        Instant now = Instant.parse("2026-12-02T01:00:00Z");
        for (int i = 1; i < DevicePairing.WRONG_CODES_BEFORE_LOCK; i++) {
            device.pairingFailed(now, DevicePairing.WRONG_CODES_BEFORE_LOCK, DevicePairing.LOCK);
            assertFalse(device.pairingLocked(now), "after " + i + " wrong codes");
        }
        device.pairingFailed(now, DevicePairing.WRONG_CODES_BEFORE_LOCK, DevicePairing.LOCK);

        assertTrue(device.pairingLocked(now));
        assertTrue(device.pairingLocked(now.plus(DevicePairing.LOCK).minusSeconds(1)));
        assertFalse(device.pairingLocked(now.plus(DevicePairing.LOCK)), "the lock ends");
        assertEquals(0, device.pairingFailures(), "and the count starts anew");
    }
}
