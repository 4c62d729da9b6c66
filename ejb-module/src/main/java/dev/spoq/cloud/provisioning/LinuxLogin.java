package dev.spoq.cloud.provisioning;

import java.util.List;

/** A profile as it must exist inside the container: a Linux user and the keys that may log in as it. */
public record LinuxLogin(String username, List<String> authorizedKeys) {
}
