package dev.spoq.cloud.it.badinput;

import dev.spoq.cloud.it.support.Json;
import dev.spoq.cloud.it.support.TestKeys;
import dev.spoq.cloud.it.support.Unique;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.spoq.cloud.it.badinput.BadInputCase.when;

/** Bad input to POST /api/devices/add and DELETE /api/devices/{id} (by an account whose profile has no device). */
final class DeviceCases {

    private DeviceCases() {
    }

    private static BadInputCase unusableKey(String what, java.util.function.Supplier<Object> keyText) {
        return when("device: " + what, f -> f.addKeyText(keyText.get())).is(400, "ssh_public_key");
    }

    private static BadInputCase noUsableKey(String what, java.util.function.Supplier<Object> keyText) {
        return when("device: " + what, f -> f.addKeyText(keyText.get())).is(400, "ssh_public_key", "no-usable-key");
    }

    private static BadInputCase invalidCode(String what, Object code) {
        return when("device: sshid_code " + what, f -> f.addSshIdCode(code)).is(400, "sshid_code");
    }

    static List<BadInputCase> cases() {
        return List.of(
                when("device: profile_id not a uuid", f -> f.addDevice(Json.object("profile_id", "not-a-uuid",
                        "ssh_public_key", TestKeys.ed25519().line()))).is(400, "profile_id"),
                when("device: profile_id empty", f -> f.addDevice(Json.object("profile_id", "",
                        "ssh_public_key", TestKeys.ed25519().line()))).is(400, "profile_id"),
                when("device: profile_id a number", f -> f.addDevice(Json.object("profile_id", 7,
                        "ssh_public_key", TestKeys.ed25519().line()))).is(400, "profile_id"),
                when("device: profile_id missing", f -> f.addDevice(Json.object(
                        "ssh_public_key", TestKeys.ed25519().line()))).is(400, "profile_id"),
                when("device: profile_id of no profile", f -> f.addDevice(Json.object("profile_id", UUID.randomUUID().toString(),
                        "ssh_public_key", TestKeys.ed25519().line()))).is(404, "profile_id"),
                when("device: profile_id of another account", f -> f.addDevice(Json.object("profile_id", f.neighbour().profileId(),
                        "ssh_public_key", TestKeys.ed25519().line()))).is(404, "profile_id"),
                when("device: both ssh_public_key and sshid_code", f -> f.addDevice(Json.object("profile_id", f.owner().profileId(),
                        "ssh_public_key", TestKeys.ed25519().line(), "sshid_code", Unique.sshIdCode()))).is(400, "ssh_public_key"),
                when("device: neither ssh_public_key nor sshid_code", f -> f.addDevice(Json.object(
                        "profile_id", f.owner().profileId()))).is(400, "ssh_public_key"),

                unusableKey("ssh_public_key empty", () -> ""),
                unusableKey("ssh_public_key a number", () -> 42),
                unusableKey("ssh_public_key an array", () -> List.of(TestKeys.ed25519().line())),
                noUsableKey("ssh_public_key garbage", () -> "not an ssh key at all"),
                noUsableKey("ssh_public_key OpenSSH private key", TestKeys::openSshPrivateKey),
                noUsableKey("ssh_public_key PKCS#8 private key", TestKeys::pkcs8PrivateKey),
                noUsableKey("ssh_public_key RSA 1024 bits", () -> TestKeys.rsa(1024).line()),
                noUsableKey("ssh_public_key ssh-dss", TestKeys::dssLine),
                noUsableKey("ssh_public_key certificate", TestKeys::certificateLine),
                noUsableKey("ssh_public_key ssh-rsa type with an ed25519 blob", TestKeys::blobNotMatchingType),
                noUsableKey("ssh_public_key nistp256 type with a nistp384 blob", TestKeys::curveNotMatchingType),
                noUsableKey("ssh_public_key truncated blob", TestKeys::truncatedBlob),
                noUsableKey("ssh_public_key type word only", () -> "ssh-ed25519"),
                noUsableKey("ssh_public_key blob not base64", () -> "ssh-ed25519 !!!not*base64!!! x@y"),
                noUsableKey("ssh_public_key unknown key type", () -> "ssh-foo AAAAB3NzaC1mb28= x@y"),
                unusableKey("ssh_public_key only blank lines", () -> "\n\n   \n"),
                noUsableKey("ssh_public_key several bad lines", () -> TestKeys.dssLine() + "\n" + TestKeys.rsa(1024).line() + "\ngarbage"),
                noUsableKey("ssh_public_key 60 KiB of garbage", () -> "x".repeat(60 * 1024)),

                invalidCode("empty", ""),
                invalidCode("with a space", "my code"),
                invalidCode("with a slash", "a/b"),
                invalidCode("path traversal", "../etc/passwd"),
                invalidCode("with a question mark", "code?x=1"),
                invalidCode("with a dot", "alice.keys"),
                invalidCode("with a non-ASCII letter", "jürgen"),
                invalidCode("of 33 characters", "c" + Unique.alnum(32)),
                invalidCode("a number", 12345),
                invalidCode("an object", Map.of("code", "abc")),

                when("device: name of 65 characters", f -> f.addDevice(Json.object("profile_id", f.owner().profileId(),
                        "ssh_public_key", TestKeys.ed25519().line(), "name", "n".repeat(65)))).is(400, "name"),
                when("device: name a number", f -> f.addDevice(Json.object("profile_id", f.owner().profileId(),
                        "ssh_public_key", TestKeys.ed25519().line(), "name", 5))).is(400, "name"),

                when("delete device: id not a uuid", f -> f.owner().deleteDevice("not-a-uuid")).is(404),
                when("delete device: id of no device", f -> f.owner().deleteDevice(UUID.randomUUID().toString())).is(404),
                when("delete device: id of another account's device", f -> f.owner().deleteDevice(f.neighbourDeviceId())).is(404));
    }
}
