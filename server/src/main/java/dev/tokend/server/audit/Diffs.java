package dev.tokend.server.audit;

import dev.tokend.server.db.ApiKeyRow;
import dev.tokend.server.rbac.AllowList;
import dev.tokend.server.db.UserRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Audit diffs in the reference's shape, {@code {"field": {"old": ..., "new": ..., "secret": false}}},
 * listing only the fields the reference tracks and never a secret, hash or password.
 */
public final class Diffs {
    private Diffs() {}

    /** API keys: only user_id, last_used, expires_at, created_at are tracked (reference §6). */
    public static Map<String, Object> apiKey(ApiKeyRow old, ApiKeyRow now) {
        Map<String, Object> diff = new LinkedHashMap<>();
        field(diff, "user_id", old == null ? null : old.userId(), now == null ? null : now.userId());
        field(diff, "last_used", old == null ? null : old.lastUsed(), now == null ? null : now.lastUsed());
        field(diff, "expires_at", old == null ? null : old.expiresAt(), now == null ? null : now.expiresAt());
        field(diff, "created_at", old == null ? null : old.createdAt(), now == null ? null : now.createdAt());
        return diff;
    }

    /** tokend: PATCH also changes scopes and allow lists, which the diff then shows (they are not secret). */
    public static Map<String, Object> apiKeyUpdate(ApiKeyRow old, ApiKeyRow now) {
        Map<String, Object> diff = apiKey(old, now);
        field(diff, "scopes", old.scopes(), now.scopes());
        field(diff, "allow_list", old.allowList(), now.allowList());
        field(diff, "lifetime_seconds", old.lifetimeSeconds(), now.lifetimeSeconds());
        return diff;
    }

    /** Users: profile, status and roles; the password hash only as a secret marker. */
    public static Map<String, Object> user(UserRow old, UserRow now) {
        Map<String, Object> diff = new LinkedHashMap<>();
        field(diff, "email", old == null ? null : old.email(), now == null ? null : now.email());
        field(diff, "username", old == null ? null : old.username(), now == null ? null : now.username());
        field(diff, "name", old == null ? null : old.name(), now == null ? null : now.name());
        field(diff, "status", old == null ? null : old.status(), now == null ? null : now.status());
        field(diff, "rbac_roles", old == null ? null : old.rbacRoles(), now == null ? null : now.rbacRoles());
        field(diff, "login_type", old == null ? null : old.loginType(), now == null ? null : now.loginType());
        field(diff, "deleted", old == null ? null : old.deleted(), now == null ? null : now.deleted());
        return diff;
    }

    /** A password change: recorded as a changed secret field, without any value. */
    public static Map<String, Object> passwordChanged() {
        Map<String, Object> diff = new LinkedHashMap<>();
        diff.put("hashed_password", entry("", "", true));
        return diff;
    }

    /** A status change only (dormant → active, suspend, activate). */
    public static Map<String, Object> status(String old, String now) {
        Map<String, Object> diff = new LinkedHashMap<>();
        field(diff, "status", old, now);
        return diff;
    }

    /** {@code additional_fields} for API keys: id, name, scopes and allow list (never the secret). */
    public static Map<String, Object> apiKeyFields(ApiKeyRow key) {
        Map<String, Object> apiKey = new LinkedHashMap<>();
        apiKey.put("id", key.id());
        apiKey.put("token_name", key.tokenName());
        apiKey.put("scopes", key.scopes());
        apiKey.put("allow_list", key.allowList().stream().map(AllowList.Entry::of).toList());
        return Map.of("api_key", apiKey);
    }

    private static void field(Map<String, Object> diff, String name, Object old, Object now) {
        if (!Objects.equals(old, now)) {
            diff.put(name, entry(old == null ? "" : jsonValue(old), now == null ? "" : jsonValue(now), false));
        }
    }

    private static Object jsonValue(Object v) {
        return v instanceof List<?> || v instanceof Number || v instanceof Boolean ? v : v.toString();
    }

    private static Map<String, Object> entry(Object old, Object now, boolean secret) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("old", old);
        e.put("new", now);
        e.put("secret", secret);
        return e;
    }
}
