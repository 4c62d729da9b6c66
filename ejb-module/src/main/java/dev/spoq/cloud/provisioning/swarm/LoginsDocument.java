package dev.spoq.cloud.provisioning.swarm;

import dev.spoq.cloud.provisioning.LinuxLogin;
import dev.spoq.cloud.provisioning.LoginsState;

/**
 * The desired logins in the line format that the image's spoq-apply-accounts reads:
 * "user NAME" starts a login, each following "key LINE" is one of its authorized keys; "remove-home NAME" removes a
 * locked login for good, its home included.
 */
final class LoginsDocument {

    private LoginsDocument() {
    }

    static String of(LoginsState state) {
        StringBuilder out = new StringBuilder();
        for (LinuxLogin login : state.logins()) {
            out.append("user ").append(login.username()).append('\n');
            for (String key : login.authorizedKeys()) {
                if (key.indexOf('\n') >= 0 || key.indexOf('\r') >= 0) {
                    throw new IllegalArgumentException("An authorized key is one line");
                }
                out.append("key ").append(key).append('\n');
            }
        }
        for (String name : state.homesToRemove()) {
            out.append("remove-home ").append(name).append('\n');
        }
        return out.toString();
    }
}
