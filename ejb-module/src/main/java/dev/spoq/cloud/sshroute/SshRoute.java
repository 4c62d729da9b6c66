package dev.spoq.cloud.sshroute;

import jakarta.json.bind.annotation.JsonbSubtype;
import jakarta.json.bind.annotation.JsonbTypeInfo;

import java.util.List;
import java.util.UUID;

/**
 * What the SSH gateway does with a login, as the control plane decides it (the answer of
 * {@code POST /internal/gateway/route}). The gateway carries the decision out and interprets no state:
 * like an sshpiper plugin, the control plane answers a decision and the piper acts on it.
 *
 * <p>{@code message} holds the words the user reads in their terminal (plain ASCII lines separated by
 * {@code \n}: the OpenSSH client escapes anything else when the local locale is not UTF-8). The JSON names
 * the kind in {@code decision}: {@code ready}, {@code starting}, {@code refused} or {@code pairing}.
 */
@JsonbTypeInfo(key = "decision", value = {
        @JsonbSubtype(alias = "ready", type = SshRoute.Ready.class),
        @JsonbSubtype(alias = "starting", type = SshRoute.Starting.class),
        @JsonbSubtype(alias = "refused", type = SshRoute.Refused.class),
        @JsonbSubtype(alias = "pairing", type = SshRoute.Pairing.class)})
public sealed interface SshRoute {

    /** The words for the user's terminal; on {@link Ready} an optional notice (null when there is none). */
    String message();

    /** Relay now: to the computer's sshd at host:port, as the profile's Linux user, expecting one of its host keys. */
    record Ready(UUID deviceId, String subdomain, String host, int port, String user, List<String> hostKeys,
                 String message) implements SshRoute {
    }

    /** Let the user in and wait: the computer is coming up (the gateway asks again until it is ready). */
    record Starting(UUID deviceId, String subdomain, String message) implements SshRoute {
    }

    /** Do not let the user in; tell them why. */
    record Refused(String message) implements SshRoute {
    }

    /**
     * The key is verified but awaits its first login: not routed anywhere yet. The gateway lets the client try its
     * other keys, and only then asks for the pairing code ({@code POST /internal/gateway/pair}). The message is the
     * one line for a client that cannot be asked (BatchMode), or, from the pair call, why the code did not pair.
     */
    record Pairing(String message) implements SshRoute {
    }
}
