package dev.tokend.server.auth;

import dev.tokend.server.db.ApiKeyRow;
import dev.tokend.server.db.UserRow;
import dev.tokend.server.rbac.Subject;
import java.util.Objects;

/**
 * Who a request is signed in as: the API key it presented, that key's user, and the compiled RBAC
 * subject (roles ∩ scopes ∩ allow list). Built only by {@link ApiKeyValidator}.
 */
public record Principal(ApiKeyRow key, UserRow user, Subject subject) {
    public Principal {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(subject, "subject");
    }
}
