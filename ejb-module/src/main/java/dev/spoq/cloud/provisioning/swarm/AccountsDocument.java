package dev.spoq.cloud.provisioning.swarm;

import dev.spoq.cloud.provisioning.LinuxAccount;

import java.util.List;

/**
 * The desired accounts in the line format that the image's spoq-apply-accounts reads:
 * "user NAME" starts an account, each following "key LINE" is one of its authorized keys.
 */
final class AccountsDocument {

    private AccountsDocument() {
    }

    static String of(List<LinuxAccount> accounts) {
        StringBuilder out = new StringBuilder();
        for (LinuxAccount account : accounts) {
            out.append("user ").append(account.username()).append('\n');
            for (String key : account.authorizedKeys()) {
                if (key.indexOf('\n') >= 0 || key.indexOf('\r') >= 0) {
                    throw new IllegalArgumentException("An authorized key is one line");
                }
                out.append("key ").append(key).append('\n');
            }
        }
        return out.toString();
    }
}
