package dev.spoq.cloud.it.badinput;

import dev.spoq.cloud.it.support.Unique;

import java.util.List;
import java.util.Map;

import static dev.spoq.cloud.it.badinput.BadInputCase.when;

/** Bad input to POST /api/setup/subdomain (made by an account that has no subdomain yet). */
final class SubdomainCases {

    private SubdomainCases() {
    }

    private static BadInputCase invalid(String what, Object name) {
        return when("claim: " + what, f -> f.claim(name)).is(400, "subdomain");
    }

    static List<BadInputCase> cases() {
        return List.of(
                invalid("name empty", ""),
                invalid("name of 1 character", "a"),
                invalid("name of 2 characters", "ab"),
                invalid("name of 64 characters", "t" + Unique.alnum(63)),
                invalid("name starting with a hyphen", "-" + Unique.alnum(8)),
                invalid("name ending with a hyphen", "t" + Unique.alnum(8) + "-"),
                invalid("punycode name xn--", "xn--" + Unique.letters(6)),
                invalid("name with -- at positions 3-4", "ab--" + Unique.letters(6)),
                invalid("name with an underscore", "t_" + Unique.alnum(8)),
                invalid("name with a dot", "t" + Unique.alnum(4) + "." + Unique.alnum(4)),
                invalid("name with a space", "t" + Unique.alnum(4) + " " + Unique.alnum(4)),
                invalid("name with a non-ASCII letter", "tü" + Unique.alnum(8)),
                invalid("name with an emoji", "t😀" + Unique.alnum(8)),
                invalid("name with a slash", "t" + Unique.alnum(4) + "/" + Unique.alnum(4)),
                invalid("name with a NUL character", "t" + Unique.alnum(4) + "\u0000" + Unique.alnum(4)),
                invalid("reserved name www", "www"),
                invalid("reserved name api", "api"),
                invalid("reserved name admin", "admin"),
                invalid("reserved name mail", "mail"),
                invalid("reserved name ssh", "ssh"),
                invalid("reserved name root", "root"),
                invalid("reserved name in upper case WWW", "WWW"),
                invalid("name missing", null),
                when("claim: no subdomain member at all", f -> f.api().post("/api/setup/subdomain",
                        f.unclaimed().token(), Map.of("name", Unique.subdomain()))).is(400, "subdomain"),
                invalid("name a number", 12345),
                invalid("name an array", List.of(Unique.subdomain())),
                invalid("name a boolean", false),
                invalid("name an object", Map.of("subdomain", Unique.subdomain())),
                when("claim: name taken by another account", f -> f.claim(f.neighbour().subdomain()))
                        .is(409, "subdomain", "subdomain-taken"),
                when("claim: second different name for an account that has one", f -> f.ownerPosts(
                        "/api/setup/subdomain", Map.of("subdomain", Unique.subdomain())))
                        .isType(409, "subdomain-already-claimed"));
    }
}
