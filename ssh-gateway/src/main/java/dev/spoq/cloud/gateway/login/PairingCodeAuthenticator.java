package dev.spoq.cloud.gateway.login;

import org.apache.sshd.server.auth.keyboard.InteractiveChallenge;
import org.apache.sshd.server.auth.keyboard.KeyboardInteractiveAuthenticator;
import org.apache.sshd.server.session.ServerSession;

import java.util.List;

/**
 * keyboard-interactive, for one thing only: the pairing code of a key that this connection has proved (its
 * signature) and that awaits its first login. Without such a key there is no challenge and the method fails at
 * once: passwords do not exist here, and nobody is asked anything before their key's signature.
 */
public class PairingCodeAuthenticator implements KeyboardInteractiveAuthenticator {
    static final String PROMPT = "Pairing code (shown beside this device on your Spoq dashboard): ";

    private final LoginGate gate;

    public PairingCodeAuthenticator(LoginGate gate) {
        this.gate = gate;
    }

    @Override
    public InteractiveChallenge generateChallenge(ServerSession session, String username, String lang, String subMethods) {
        if (PendingPairing.of(session).filter(p -> p.username().equals(username)).isEmpty()) {
            return null;
        }
        InteractiveChallenge challenge = new InteractiveChallenge();
        challenge.setInteractionName("Spoq: pair this device");
        challenge.setInteractionInstruction("This device logs in to Spoq for the first time. Type its pairing code once;"
                + " from then on its key alone lets you in.");
        challenge.addPrompt(PROMPT, true);
        return challenge;
    }

    @Override
    public boolean authenticate(ServerSession session, String username, List<String> responses) {
        if (responses == null || responses.size() != 1) {
            return false;
        }
        return gate.pair(session, responses.get(0));
    }
}
