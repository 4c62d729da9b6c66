package dev.spoq.cloud.it.badinput;

import dev.spoq.cloud.it.support.Json;
import dev.spoq.cloud.it.support.Unique;

import java.util.List;
import java.util.Map;

import static dev.spoq.cloud.it.badinput.BadInputCase.when;

/** Bad input to POST /api/setup/profile (made by an account with a subdomain and one profile). */
final class ProfileCases {

    private ProfileCases() {
    }

    private static BadInputCase invalid(String what, Object username) {
        return when("profile: " + what, f -> f.createProfile(username)).is(400, "username");
    }

    static List<BadInputCase> cases() {
        return List.of(
                invalid("username empty", ""),
                invalid("username with upper case", "Alice" + Unique.letters(3)),
                invalid("username starting with a digit", "1" + Unique.letters(6)),
                invalid("username starting with a hyphen", "-" + Unique.letters(6)),
                invalid("username with a space", "al ice"),
                invalid("username with a dot", "al.ice"),
                invalid("username with a dollar sign", "alice$"),
                invalid("username with a non-ASCII letter", "jürgen"),
                invalid("username of 33 characters", "u" + Unique.alnum(32)),
                invalid("system name root", "root"),
                invalid("system name daemon", "daemon"),
                invalid("system name bin", "bin"),
                invalid("system name www-data", "www-data"),
                invalid("system name nobody", "nobody"),
                invalid("system name sshd", "sshd"),
                invalid("system name systemd-network", "systemd-network"),
                invalid("system name systemd-anything", "systemd-" + Unique.letters(5)),
                invalid("system name _apt", "_apt"),
                invalid("system name spoq", "spoq"),
                invalid("system name admin", "admin"),
                invalid("system name ubuntu", "ubuntu"),
                invalid("username null", null),
                when("profile: no username member at all", f -> f.ownerPosts("/api/setup/profile",
                        Json.object("name", Unique.username()))).is(400, "username"),
                invalid("username a number", 42),
                invalid("username an array", List.of("alice")),
                invalid("username an object", Map.of("username", "alice")),
                when("profile: username this account already has", f -> f.createProfile(f.owner().username()))
                        .is(409, "username", "profile-exists"),
                when("profile: third profile", f -> f.api().post("/api/setup/profile", f.neighbour().token(),
                        Json.object("username", Unique.username()))).isType(409, "profile-limit"),
                when("profile: account without subdomain", f -> f.api().post("/api/setup/profile", f.unclaimed().token(),
                        Json.object("username", Unique.username()))).isType(409, "subdomain-required"));
    }
}
