package dev.spoq.cloud.device;

import dev.spoq.cloud.sshkey.RejectedKeyLine;

import java.util.List;
import java.util.UUID;

/** The outcome of adding a device: which keys now open the door, which did not and why, and where to connect. */
public record AddedDevice(UUID deviceId, String name, UUID profileId, List<DeviceKeyView> keysAdded,
                          List<RejectedKeyLine> keysRejected, ConnectionInfo connectionInfo) {
}
