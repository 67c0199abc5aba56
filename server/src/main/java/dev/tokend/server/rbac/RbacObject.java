package dev.tokend.server.rbac;

import java.util.Objects;
import java.util.UUID;

/**
 * The thing an action is performed on: a resource type, an id (may be empty for "any"), and the
 * owning user and organization when it has them.
 */
public record RbacObject(String type, String id, UUID ownerId, UUID orgId) {
    public static final String USER = "user";
    public static final String API_KEY = "api_key";
    public static final String ASSIGN_ROLE = "assign_role";
    public static final String AUDIT_LOG = "audit_log";
    public static final String OAUTH2_APP = "oauth2_app";

    public RbacObject {
        Objects.requireNonNull(type, "type");
        id = id == null ? "" : id;
    }

    /** A user object; users own themselves. */
    public static RbacObject user(UUID userId) {
        return new RbacObject(USER, userId.toString(), userId, null);
    }

    /** Any user (e.g. "may this subject create users"). */
    public static RbacObject anyUser() {
        return new RbacObject(USER, "", null, null);
    }

    public static RbacObject apiKey(String keyId, UUID ownerId) {
        return new RbacObject(API_KEY, keyId, ownerId, null);
    }

    public static RbacObject role(String roleName) {
        return new RbacObject(ASSIGN_ROLE, roleName, null, null);
    }
}
