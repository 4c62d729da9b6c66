package dev.spoq.cloud.web.api;

import jakarta.enterprise.context.RequestScoped;

import java.util.UUID;

/** Who is calling, as established by {@link BearerTokenFilter} for this request. */
@RequestScoped
public class Caller {

    private UUID userId;
    private String token;

    void authenticatedAs(UUID userId, String token) {
        this.userId = userId;
        this.token = token;
    }

    public UUID userId() {
        if (userId == null) {
            throw new IllegalStateException("No authenticated caller: the resource lacks @Authenticated");
        }
        return userId;
    }

    String token() {
        return token;
    }
}
