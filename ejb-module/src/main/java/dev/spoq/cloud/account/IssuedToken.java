package dev.spoq.cloud.account;

import java.time.Instant;
import java.util.UUID;

/** What a caller gets once at login: the token itself is never stored nor shown again. */
public record IssuedToken(UUID userId, String token, Instant expiresAt) {
}
