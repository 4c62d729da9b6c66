package dev.spoq.cloud.provisioning;

import java.util.List;

/**
 * Everything a container's accounts must be: the logins (one per profile) and the Linux users of removed profiles
 * whose kept home is due for removal. A removed profile that is in neither list is locked, its home kept.
 */
public record LoginsState(List<LinuxLogin> logins, List<String> homesToRemove) {

    public LoginsState {
        logins = List.copyOf(logins);
        homesToRemove = List.copyOf(homesToRemove);
        for (String name : homesToRemove) {
            if (logins.stream().anyMatch(login -> login.username().equals(name))) {
                throw new IllegalArgumentException("'" + name + "' is both a login and a home to remove");
            }
        }
    }
}
