package dev.spoq.cloud.it.badinput;

import dev.spoq.cloud.it.support.ApiResponse;
import dev.spoq.cloud.it.support.Json;
import dev.spoq.cloud.it.support.Unique;

import java.util.List;
import java.util.Map;

import static dev.spoq.cloud.it.badinput.BadInputCase.when;

/** Bad input to POST /api/auth/register and /api/auth/login. No row here is a failed login attempt. */
final class AuthCases {

    private AuthCases() {
    }

    private static ApiResponse register(BadInputFixture f, Object email, Object password) {
        return f.api().post("/api/auth/register", null, Json.object("email", email, "password", password));
    }

    private static ApiResponse registerEmail(BadInputFixture f, Object email) {
        return register(f, email, Unique.password());
    }

    private static ApiResponse registerPassword(BadInputFixture f, Object password) {
        return register(f, Unique.email(), password);
    }

    /** local@domain.tld of 255 characters. */
    private static String emailOf255Characters() {
        return Unique.letters(64) + "@" + Unique.letters(63) + "." + Unique.letters(63) + "." + Unique.letters(58) + ".com";
    }

    static List<BadInputCase> cases() {
        return List.of(
                when("register: email empty", f -> registerEmail(f, "")).is(400, "email"),
                when("register: email blank", f -> registerEmail(f, "   ")).is(400, "email"),
                when("register: email without @", f -> registerEmail(f, "plainaddress.example.com")).is(400, "email"),
                when("register: email without local part", f -> registerEmail(f, "@example.com")).is(400, "email"),
                when("register: email without domain", f -> registerEmail(f, Unique.letters(8) + "@")).is(400, "email"),
                when("register: email domain without tld", f -> registerEmail(f, Unique.letters(8) + "@localhost")).is(400, "email"),
                when("register: email with two @", f -> registerEmail(f, Unique.letters(8) + "@@example.com")).is(400, "email"),
                when("register: email with a space inside", f -> registerEmail(f, "john smith@example.com")).is(400, "email"),
                when("register: email domain ending in a dot", f -> registerEmail(f, Unique.letters(8) + "@example.")).is(400, "email"),
                when("register: email of 255 characters", f -> registerEmail(f, emailOf255Characters())).is(400, "email"),
                when("register: email missing", f -> f.api().post("/api/auth/register", null,
                        Json.object("password", Unique.password()))).is(400, "email"),
                when("register: email null", f -> registerEmail(f, null)).is(400, "email"),
                when("register: email a number", f -> registerEmail(f, 5)).is(400, "email"),
                when("register: email an array", f -> registerEmail(f, List.of(Unique.email()))).is(400, "email"),
                when("register: email an object", f -> registerEmail(f, Map.of("address", Unique.email()))).is(400, "email"),
                when("register: email a boolean", f -> registerEmail(f, true)).is(400, "email"),
                when("register: email taken (other case)", f -> registerEmail(f, f.owner().email().toUpperCase()))
                        .is(409, "email", "email-taken"),

                when("register: password empty", f -> registerPassword(f, "")).is(400, "password"),
                when("register: password of 9 characters", f -> registerPassword(f, "Kx7#pQ2!v")).is(400, "password"),
                when("register: password of 257 characters", f -> registerPassword(f, "Aa1!" + Unique.alnum(253))).is(400, "password"),
                when("register: common password password123", f -> registerPassword(f, "password123")).is(400, "password"),
                when("register: common password 1234567890", f -> registerPassword(f, "1234567890")).is(400, "password"),
                when("register: common password qwertyuiop", f -> registerPassword(f, "qwertyuiop")).is(400, "password"),
                when("register: password one repeated letter", f -> registerPassword(f, "aaaaaaaaaaaa")).is(400, "password"),
                when("register: password ten spaces", f -> registerPassword(f, "          ")).is(400, "password"),
                when("register: password missing", f -> f.api().post("/api/auth/register", null,
                        Json.object("email", Unique.email()))).is(400, "password"),
                when("register: password null", f -> registerPassword(f, null)).is(400, "password"),
                when("register: password a number", f -> registerPassword(f, 12345678901L)).is(400, "password"),
                when("register: password an array", f -> registerPassword(f, List.of(Unique.password()))).is(400, "password"),

                when("login: email a number", f -> f.api().post("/api/auth/login", null,
                        Json.object("email", 5, "password", Unique.password()))).is(400, "email"),
                when("login: password an object", f -> f.api().post("/api/auth/login", null,
                        Json.object("email", f.owner().email(), "password", Map.of("x", 1)))).is(400, "password"),
                when("login: body not JSON", f -> f.api().postRaw("/api/auth/login", null, "application/json",
                        "email=a&password=b")).is(400, null, "malformed-json"),
                when("login: body a JSON array", f -> f.api().postRaw("/api/auth/login", null, "application/json",
                        "[]")).is(400, null, "malformed-json"));
    }
}
