package dev.spoq.cloud.oauth;

import dev.spoq.cloud.account.IssuedToken;

/** What a provider's sign-in leads to. */
public sealed interface SignInOutcome {

    /** A known login, or a new account made from a verified email: logged in. */
    record LoggedIn(IssuedToken token, boolean newAccount) implements SignInOutcome {
    }

    /** The verified email belongs to a password account: it is tied to it only once that password is entered. */
    record PasswordNeeded(ProviderIdentity identity, String email) implements SignInOutcome {
    }

    /** Not let in (an unverified email, an address whose account signs in elsewhere); the words are for the person. */
    record Refused(String reason, String message) implements SignInOutcome {
    }
}
