package dev.spoq.cloud.account;

import dev.spoq.cloud.profile.ProfileService;
import dev.spoq.cloud.profile.RemovedProfile;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the account page shows about the account itself (GET /api/account, the dashboard's account card). */
@Stateless
public class AccountOverview {

    @Inject
    AccountService accounts;

    @Inject
    AccountSettings settings;

    @Inject
    ProfileService profiles;

    /**
     * @param verifyBy         when an unverified email stops the computer; null once verified
     * @param suspendedUnverified whether the computer is stopped now because the email is not verified
     * @param hasPassword      false for an account made through Google or GitHub (it logs in, and leaves, through them)
     */
    public record View(String email, boolean emailVerified, Instant verifyBy, boolean suspendedUnverified,
                       List<RemovedProfile> removedProfiles, boolean hasPassword) {
    }

    public View of(UUID userId) {
        User user = accounts.find(userId);
        return new View(user.email(), user.emailVerified(),
                user.emailVerified() ? null : user.createdAt().plus(settings.verifyWithin()),
                user.unverifiedSuspendedAt() != null, profiles.removedOf(userId), user.hasPassword());
    }
}
