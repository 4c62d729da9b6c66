package dev.spoq.cloud.device;

import dev.spoq.cloud.sshkey.RejectedKeyLine;

import java.util.List;
import java.util.UUID;

/**
 * The outcome of adding a device: which keys were added, which not and why, and where to connect. A device
 * whose keys this account has not yet confirmed is awaiting its first login: {@code pairingCode} is what
 * that login asks for (null when the device is already paired).
 */
public record AddedDevice(UUID deviceId, String name, UUID profileId, List<DeviceKeyView> keysAdded,
                          List<RejectedKeyLine> keysRejected, boolean paired, String pairingCode,
                          ConnectionInfo connectionInfo) {
}
