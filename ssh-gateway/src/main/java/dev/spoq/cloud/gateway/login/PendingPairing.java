package dev.spoq.cloud.gateway.login;

import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.server.session.ServerSession;

import java.util.Optional;

/**
 * A key of this connection whose signature was verified but which awaits its first login. It got SSH's
 * partial success, so the client goes on: with another key (a confirmed one lands without a word about
 * pairing), or, when it has none left, with keyboard-interactive, where the gateway asks for the code. The
 * first such key is the one a code pairs; offered again it is refused, so the client moves on to its next key.
 */
record PendingPairing(String username, String keyLine, String fingerprint) {

    private static final AttributeKey<PendingPairing> KEY = new AttributeKey<>();

    static Optional<PendingPairing> of(ServerSession session) {
        return Optional.ofNullable(session.getAttribute(KEY));
    }

    /** Remembers the first such key of the connection; false when one is remembered already. */
    static boolean remember(ServerSession session, String username, String keyLine, String fingerprint) {
        PendingPairing pending = new PendingPairing(username, keyLine, fingerprint);
        return session.computeAttributeIfAbsent(KEY, k -> pending) == pending;
    }

    static boolean isPendingKey(ServerSession session, String keyLine) {
        return of(session).map(p -> p.keyLine().equals(keyLine)).orElse(false);
    }
}
