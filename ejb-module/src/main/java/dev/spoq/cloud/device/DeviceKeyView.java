package dev.spoq.cloud.device;

/** One key of a device; confirmed once its holder has logged in with it (and answered the pairing code). */
public record DeviceKeyView(String keyType, String fingerprint, String comment, boolean confirmed) {

    static DeviceKeyView of(DeviceKey key) {
        return new DeviceKeyView(key.keyType(), key.fingerprint(), key.comment(), key.confirmed());
    }
}
