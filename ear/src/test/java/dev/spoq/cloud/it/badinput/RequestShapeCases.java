package dev.spoq.cloud.it.badinput;

import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.Json;
import dev.spoq.cloud.it.support.Unique;

import java.util.List;
import java.util.Map;

import static dev.spoq.cloud.it.badinput.BadInputCase.when;

/** Requests of the wrong shape: malformed JSON, wrong content type, too large, unknown path, wrong method. */
final class RequestShapeCases {

    private static final String JSON = ApiClient.JSON;

    private RequestShapeCases() {
    }

    private static BadInputCase malformedRegister(String what, String rawBody) {
        return when("register: " + what, f -> f.api().postRaw("/api/auth/register", null, JSON, rawBody))
                .is(400, null, "malformed-json");
    }

    private static BadInputCase malformedAsOwner(String what, String path, String rawBody) {
        return when(what, f -> f.api().postRaw(path, f.owner().token(), JSON, rawBody)).is(400, null, "malformed-json");
    }

    /** A register body padded with an ignored member to more than 64 KiB. */
    private static String registerBodyOf70KiB() {
        return Json.write(Json.object("email", Unique.email(), "password", Unique.password(), "padding", "p".repeat(70 * 1024)));
    }

    static List<BadInputCase> cases() {
        return List.of(
                malformedRegister("body cut off", "{\"email\":\"a@b.example\",\"password\":"),
                malformedRegister("body a single brace", "{"),
                malformedRegister("body plain text", "hello"),
                malformedRegister("body empty", ""),
                malformedRegister("body a JSON array", "[]"),
                malformedRegister("body a JSON string", "\"email\""),
                malformedRegister("body a JSON number", "42"),
                malformedRegister("body JSON null", "null"),
                malformedRegister("body JSON true", "true"),
                malformedRegister("body with a trailing comma", "{\"email\":\"x@example.com\",}"),
                malformedRegister("body with single quotes", "{'email':'x@example.com','password':'Spoq-It-secret-1'}"),
                malformedRegister("body with an unquoted key", "{email:\"x@example.com\"}"),
                malformedRegister("body with garbage after the object", "{\"email\":\"x@example.com\"} trailing"),
                when("register: no body at all", f -> f.api().send("POST", "/api/auth/register",
                        Map.of("Content-Type", JSON), null)).is(400, null, "malformed-json"),
                malformedAsOwner("claim: body cut off", "/api/setup/subdomain", "{\"subdomain\":"),
                malformedAsOwner("profile: body a JSON array", "/api/setup/profile", "[\"alice\"]"),
                malformedAsOwner("device: body plain text", "/api/devices/add", "ssh-ed25519 AAAA"),
                malformedAsOwner("device: body empty", "/api/devices/add", ""),

                when("register: Content-Type text/plain", f -> f.api().postRaw("/api/auth/register", null, "text/plain",
                        Json.write(Json.object("email", Unique.email(), "password", Unique.password())))).is(415),
                when("register: Content-Type form-urlencoded", f -> f.api().postRaw("/api/auth/register", null,
                        "application/x-www-form-urlencoded", "email=x%40example.com&password=Spoq-It-secret-1")).is(415),
                when("login: Content-Type application/xml", f -> f.api().postRaw("/api/auth/login", null, "application/xml",
                        "<login><email>x@example.com</email></login>")).is(415),
                when("device: Content-Type text/plain", f -> f.api().postRaw("/api/devices/add", f.owner().token(), "text/plain",
                        Json.write(Json.object("profile_id", f.owner().profileId(), "ssh_public_key", "x")))).is(415),

                when("register: body larger than 64 KiB", f -> f.api().postRaw("/api/auth/register", null, JSON,
                        registerBodyOf70KiB())).is(413),
                when("device: body larger than 64 KiB", f -> f.api().post("/api/devices/add", f.owner().token(),
                        Json.object("profile_id", f.owner().profileId(), "ssh_public_key", "k".repeat(80 * 1024)))).is(413),

                when("unknown path /api/nope", f -> f.api().get("/api/nope", null)).is(404),
                when("unknown path /api/auth", f -> f.api().get("/api/auth", null)).is(404),
                when("unknown path with a token", f -> f.api().get("/api/setup/nothing-here", f.owner().token())).is(404),
                when("unknown path POST /api/devices/add/extra", f -> f.api().post("/api/devices/add/extra", f.owner().token(),
                        Json.object())).is(404),

                when("wrong method GET /api/auth/register", f -> f.api().get("/api/auth/register", null)).is(405),
                when("wrong method GET /api/auth/login", f -> f.api().get("/api/auth/login", null)).is(405),
                when("wrong method DELETE /api/status", f -> f.api().delete("/api/status", f.owner().token())).is(405),
                when("wrong method PUT /api/setup/profile", f -> f.api().send("PUT", "/api/setup/profile",
                        Map.of("Authorization", "Bearer " + f.owner().token(), "Content-Type", JSON), "{}")).is(405),
                when("wrong method POST /api/subdomain/check/{name}", f -> f.api().post("/api/subdomain/check/" + Unique.subdomain(),
                        null, Json.object())).is(405),
                when("wrong method DELETE /api/setup/subdomain", f -> f.api().delete("/api/setup/subdomain", f.owner().token())).is(405));
    }
}
