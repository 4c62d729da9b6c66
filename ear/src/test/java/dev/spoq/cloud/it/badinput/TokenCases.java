package dev.spoq.cloud.it.badinput;

import dev.spoq.cloud.it.support.ApiResponse;
import dev.spoq.cloud.it.support.Json;
import dev.spoq.cloud.it.support.OpsClient;
import dev.spoq.cloud.it.support.TestKeys;
import dev.spoq.cloud.it.support.Tokens;
import dev.spoq.cloud.it.support.Unique;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

import static dev.spoq.cloud.it.badinput.BadInputCase.when;

/** Protected calls without a valid bearer token: 401 unauthenticated with WWW-Authenticate: Bearer. */
final class TokenCases {

    private TokenCases() {
    }

    /** A protected call made with this Authorization header value (null: header left out). */
    private record ProtectedCall(String name, BiFunction<BadInputFixture, String, ApiResponse> call) {
    }

    private static Map<String, String> headers(String authorization, boolean json) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        if (json) {
            headers.put("Content-Type", "application/json");
        }
        return headers;
    }

    private static final List<ProtectedCall> PROTECTED_CALLS = List.of(
            new ProtectedCall("logout", (f, auth) -> f.api().send("POST", "/api/auth/logout", headers(auth, true), "{}")),
            new ProtectedCall("claim", (f, auth) -> f.api().send("POST", "/api/setup/subdomain", headers(auth, true),
                    Json.write(Json.object("subdomain", Unique.subdomain())))),
            new ProtectedCall("profile", (f, auth) -> f.api().send("POST", "/api/setup/profile", headers(auth, true),
                    Json.write(Json.object("username", Unique.username())))),
            new ProtectedCall("add device", (f, auth) -> f.api().send("POST", "/api/devices/add", headers(auth, true),
                    Json.write(Json.object("profile_id", f.owner().profileId(), "ssh_public_key", TestKeys.ed25519().line())))),
            new ProtectedCall("list devices", (f, auth) -> f.api().send("GET", "/api/devices", headers(auth, false), null)),
            new ProtectedCall("delete device", (f, auth) -> f.api().send("DELETE", "/api/devices/" + f.neighbourDeviceId(),
                    headers(auth, false), null)),
            new ProtectedCall("status", (f, auth) -> f.api().send("GET", "/api/status", headers(auth, false), null)));

    private static BadInputCase unauthenticated(String what, ProtectedCall call, java.util.function.Function<BadInputFixture, String> authorization) {
        return when(call.name() + ": " + what, f -> call.call().apply(f, authorization.apply(f))).is(401, null, "unauthenticated");
    }

    static List<BadInputCase> cases() {
        List<BadInputCase> cases = new ArrayList<>();
        for (ProtectedCall call : PROTECTED_CALLS) {
            cases.add(unauthenticated("no Authorization header", call, f -> null));
            cases.add(unauthenticated("garbage bearer token", call, f -> "Bearer garbage-" + Unique.alnum(12)));
            cases.add(unauthenticated("forged token (one character changed)", call,
                    f -> "Bearer " + Tokens.withMiddleCharacterChanged(f.owner().token())));
            cases.add(unauthenticated("revoked token (after logout)", call, f -> "Bearer " + f.revokedToken()));
        }
        ProtectedCall status = PROTECTED_CALLS.get(PROTECTED_CALLS.size() - 1);
        cases.add(unauthenticated("Bearer with an empty token", status, f -> "Bearer "));
        cases.add(unauthenticated("Basic credentials instead of a bearer token", status,
                f -> "Basic " + java.util.Base64.getEncoder().encodeToString((f.owner().email() + ":" + f.owner().password()).getBytes())));
        cases.add(unauthenticated("token without the Bearer scheme", status, f -> f.owner().token()));
        cases.add(unauthenticated("forged token claiming another account", status,
                f -> "Bearer " + Tokens.claimingOtherUser(f.owner().token(), f.owner().userId(), f.neighbour().userId())));
        cases.add(unauthenticated("unsigned JWT (alg none)", status, f -> "Bearer " + Tokens.unsignedJwtFor(f.owner().userId())));
        cases.add(unauthenticated("token with extra characters appended", status, f -> "Bearer " + f.owner().token() + "AAAA"));
        cases.add(unauthenticated("the internal ops token", status, f -> "Bearer " + OpsClient.internalToken()));
        cases.add(unauthenticated("8 KiB garbage token", status, f -> "Bearer " + "g".repeat(8 * 1024)));
        cases.add(unauthenticated("a random uuid as token", status, f -> "Bearer " + UUID.randomUUID()));

        cases.add(when("ops: no token", f -> f.api().get("/internal/provisioning/commands", null)).is(401));
        cases.add(when("ops: a user token", f -> f.api().get("/internal/provisioning/commands", f.owner().token())).is(403));
        return cases;
    }
}
