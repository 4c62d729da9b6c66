package dev.spoq.cloud.gateway.routing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * What the control plane decided for a (login name, public key) pair, as it answers
 * {@code POST /internal/gateway/route}: {@code ready}, {@code starting}, {@code refused} or {@code pairing}, named in the
 * JSON's {@code decision}. The gateway carries the decision out and reads no state of its own into it;
 * {@code message} is what the user is told (plain lines; on {@code ready} an optional notice, else null).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "decision")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Route.Ready.class, name = "ready"),
        @JsonSubTypes.Type(value = Route.Starting.class, name = "starting"),
        @JsonSubTypes.Type(value = Route.Refused.class, name = "refused"),
        @JsonSubTypes.Type(value = Route.Pairing.class, name = "pairing")})
public sealed interface Route {

    String message();

    /** A decision that lets the user in: the login is reported for the device, and logged by subdomain. */
    sealed interface Admitted extends Route {
        String deviceId();

        String subdomain();
    }

    /** Relay now: to {@code host:port} as {@code user}, whose sshd must present one of {@code hostKeys}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Ready(String deviceId, String subdomain, String host, int port, String user, List<String> hostKeys, String message)
            implements Admitted {
    }

    /** Let the user in and ask again until the computer is ready (or the wait is over). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Starting(String deviceId, String subdomain, String message) implements Admitted {
    }

    /** Refuse the login, with the control plane's words for why. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Refused(String message) implements Route {
    }

    /**
     * The key is verified but awaits its first login: let the client try its other keys, then ask for the pairing
     * code. The message is one line for a client that cannot be asked, or (from the pair call) why a code did not pair.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Pairing(String message) implements Route {
    }
}
