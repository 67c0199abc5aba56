package dev.tokend.server.auth;

import dev.tokend.server.db.ApiKeyRow;
import dev.tokend.server.db.Membership;
import dev.tokend.server.db.UserRow;
import dev.tokend.server.rbac.Subject;
import java.util.List;
import java.util.Objects;

/**
 * Who a request is signed in as: the API key it presented, that key's user, and the compiled RBAC
 * subject (roles ∩ scopes ∩ allow list), with the user's memberships, all loaded in one query (or
 * served from the validation cache). The user carries no password hash. Built only by
 * {@link ApiKeyValidator}.
 */
public record Principal(ApiKeyRow key, UserRow user, Subject subject, List<Membership> memberships) {
    public Principal {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(subject, "subject");
        memberships = List.copyOf(memberships);
    }
}
