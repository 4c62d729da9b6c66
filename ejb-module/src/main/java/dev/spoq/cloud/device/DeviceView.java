package dev.spoq.cloud.device;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A device as its owner sees it; keyType and fingerprint are those of its first key. Until it is paired
 * (its first login answered the code) {@code pairingCode} is the code to type; it stays while any key of the
 * device still awaits its first login. {@code pairingLockedUntil}: too many wrong codes, try again after it.
 */
public record DeviceView(UUID deviceId, UUID profileId, String username, String name, String keyType,
                         String fingerprint, List<DeviceKeyView> keys, Instant createdAt, Instant lastConnectedAt,
                         boolean paired, String pairingCode, Instant pairingLockedUntil) {

    static DeviceView of(Device device, String username) {
        List<DeviceKeyView> keys = device.keys().stream().map(DeviceKeyView::of).toList();
        DeviceKeyView first = keys.isEmpty() ? null : keys.get(0);
        Instant now = Instant.now();
        return new DeviceView(device.id(), device.profileId(), username, device.name(),
                first == null ? null : first.keyType(), first == null ? null : first.fingerprint(),
                keys, device.createdAt(), device.lastConnectedAt(), device.paired(),
                PairingCode.display(device.pairingCode()), device.pairingLocked(now) ? device.pairingLockedUntil() : null);
    }
}
