package dev.spoq.cloud.device;

public record DeviceKeyView(String keyType, String fingerprint, String comment) {

    static DeviceKeyView of(DeviceKey key) {
        return new DeviceKeyView(key.keyType(), key.fingerprint(), key.comment());
    }
}
