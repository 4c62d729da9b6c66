package dev.spoq.cloud.provisioning.swarm;

import dev.spoq.cloud.provisioning.LinuxLogin;

import java.util.List;

/**
 * The desired logins in the line format that the image's spoq-apply-accounts reads:
 * "user NAME" starts a login, each following "key LINE" is one of its authorized keys.
 */
final class LoginsDocument {

    private LoginsDocument() {
    }

    static String of(List<LinuxLogin> logins) {
        StringBuilder out = new StringBuilder();
        for (LinuxLogin login : logins) {
            out.append("user ").append(login.username()).append('\n');
            for (String key : login.authorizedKeys()) {
                if (key.indexOf('\n') >= 0 || key.indexOf('\r') >= 0) {
                    throw new IllegalArgumentException("An authorized key is one line");
                }
                out.append("key ").append(key).append('\n');
            }
        }
        return out.toString();
    }
}
