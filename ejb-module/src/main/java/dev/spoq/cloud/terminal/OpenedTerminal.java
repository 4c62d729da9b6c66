package dev.spoq.cloud.terminal;

import java.security.KeyPair;
import java.util.UUID;

/**
 * One browser terminal about to log in: its id (what the gateway's session re-check asks about), the profile's Linux
 * login, and the key pair made for it alone. The private half lives only in this object, in the memory of the
 * control plane that opened the WebSocket; the database holds the public half's fingerprint.
 */
public record OpenedTerminal(UUID id, UUID userId, String login, KeyPair key) {

    @Override
    public String toString() {
        return "OpenedTerminal[" + id + ", " + login + "]"; // never the key
    }
}
