package dev.tokend.server.auth;

import dev.tokend.server.db.ApiKeyRow;

import dev.tokend.server.auth.ValidationResult.Authenticated;
import dev.tokend.server.auth.ValidationResult.HardFailure;
import dev.tokend.server.auth.ValidationResult.Reason;
import dev.tokend.server.auth.ValidationResult.SoftFailure;
import dev.tokend.server.auth.ApiKeyStore.UserWithMemberships;
import dev.tokend.server.rbac.Roles;
import dev.tokend.server.rbac.Subject;
import dev.tokend.server.db.Membership;
import dev.tokend.server.db.UserRow;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates a presented API key in the reference's order (spec §3.2) with tokend's decisions:
 * the token's format and checksum are checked before any lookup; a storage failure is a 500, never
 * a 401; only keys minted as interactive sessions slide their expiry, at most once an hour.
 *
 * <p>Knows nothing of HTTP: it takes the raw token and the client address and returns a
 * {@link ValidationResult}. Time comes from the injected clock.
 */
public final class ApiKeyValidator {
    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyValidator.class);

    // NOTE: stable wire strings (reference §3.2); clients match on them.
    public static final String SIGNED_OUT =
            "You are signed out or your session has expired. Please sign in again to continue.";
    public static final String INTERNAL =
            "An internal error occurred. Please try again or contact the system administrator.";
    public static final String MISSING_DETAIL = "Cookie \"coder_session_token\" or query parameter must be provided.";
    public static final String UNKNOWN_DETAIL = "API key is invalid.";
    public static final String BAD_SECRET_DETAIL = "API key secret is invalid.";

    /** Usage (last_used, IP) and sliding expiry are written at most this often per key. */
    static final Duration WRITE_INTERVAL = Duration.ofHours(1);

    private final ApiKeyStore store;
    private final InstantSource clock;
    private final boolean disableSessionExpiryRefresh;

    public ApiKeyValidator(ApiKeyStore store, InstantSource clock, boolean disableSessionExpiryRefresh) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.disableSessionExpiryRefresh = disableSessionExpiryRefresh;
    }

    /**
     * Validates {@code token} (null or empty when none was presented) used from {@code clientIp} by
     * the request {@code requestId} (named in the audit row if the use activates a dormant user).
     */
    public ValidationResult validate(String token, InetAddress clientIp, UUID requestId) {
        if (token == null || token.isEmpty()) {
            return new SoftFailure(Reason.MISSING, MISSING_DETAIL);
        }
        // 1. Format and checksum: garbage never reaches the database.
        ParseResult.Valid parsed;
        switch (TokenFormat.parse(token)) {
            case ParseResult.Malformed malformed -> {
                return new SoftFailure(Reason.MALFORMED, malformed.detail());
            }
            case ParseResult.Valid valid -> parsed = valid;
        }
        // 2. Lookup by the public id.
        Optional<ApiKeyRow> found;
        try {
            found = store.findKey(parsed.id());
        } catch (RuntimeException e) {
            LOG.error("fetching API key {} failed", parsed.id(), e);
            return new HardFailure(Reason.INTERNAL, 500, INTERNAL, "Internal error fetching API key by id.");
        }
        if (found.isEmpty()) {
            return new SoftFailure(Reason.UNKNOWN_KEY, UNKNOWN_DETAIL);
        }
        ApiKeyRow key = found.get();
        // 3. Secret, compared in constant time; then the kind named by the prefix must match the key.
        if (!TokenFormat.secretMatches(parsed.secret(), key.hashedSecret())) {
            return new SoftFailure(Reason.BAD_SECRET, BAD_SECRET_DETAIL);
        }
        if (!kindMatches(parsed.kind(), key.loginType())) {
            return new SoftFailure(Reason.UNKNOWN_KEY, UNKNOWN_DETAIL);
        }
        // 4. Expiry, before any refresh: an expired key is never revived by use. expires_at == now is valid.
        Instant now = clock.instant();
        if (key.expiresAt().isBefore(now)) {
            return new SoftFailure(Reason.EXPIRED, "API key expired at \"" + key.expiresAt() + "\".");
        }
        // 5. Debounced usage and sliding expiry (§3.2 steps 8–10).
        Optional<HardFailure> usageFailure = recordUsage(key, clientIp, now);
        if (usageFailure.isPresent()) {
            return usageFailure.get();
        }
        // 6. User, roles and status (§3.2 steps 11–13).
        Optional<UserWithMemberships> loaded;
        try {
            loaded = store.findUser(key.userId());
        } catch (RuntimeException e) {
            LOG.error("fetching user {} of API key {} failed", key.userId(), key.id(), e);
            return new HardFailure(Reason.INTERNAL, 500, INTERNAL, "Internal error fetching user's roles.");
        }
        if (loaded.isEmpty()) {
            // Deleting a user deletes their keys; a key without a live user is simply invalid.
            return new SoftFailure(Reason.UNKNOWN_KEY, UNKNOWN_DETAIL);
        }
        UserRow user = loaded.get().user();
        if (UserRow.DORMANT.equals(user.status())) {
            try {
                store.activateDormant(user, requestId, clientIp);
            } catch (RuntimeException e) {
                LOG.error("activating dormant user {} failed", user.id(), e);
                return new HardFailure(Reason.INTERNAL, 500, INTERNAL, "Internal error activating dormant user.");
            }
            user = withStatus(user, UserRow.ACTIVE);
        }
        if (!UserRow.ACTIVE.equals(user.status())) {
            return new HardFailure(Reason.USER_INACTIVE, 401, "User is not active (status = \"" + user.status()
                    + "\"). Contact an admin to reactivate your account.", null);
        }
        return new Authenticated(key, user, subject(user, loaded.get(), key));
    }

    private Optional<HardFailure> recordUsage(ApiKeyRow key, InetAddress clientIp, Instant now) {
        boolean changed = false;
        Instant lastUsed = key.lastUsed();
        String ip = key.ipAddress();
        Instant expiresAt = key.expiresAt();
        if (Duration.between(key.lastUsed(), now).compareTo(WRITE_INTERVAL) > 0) {
            lastUsed = now;
            ip = clientIp == null ? "0.0.0.0" : clientIp.getHostAddress();
            changed = true;
        }
        if (key.slidingExpiry() && !disableSessionExpiryRefresh) {
            // Slide only when at most L-1h remains: at most once an hour, and never for L <= 1h.
            Duration lifetime = Duration.ofSeconds(key.lifetimeSeconds());
            if (lifetime.compareTo(WRITE_INTERVAL) > 0
                    && Duration.between(now, key.expiresAt()).compareTo(lifetime.minus(WRITE_INTERVAL)) <= 0) {
                expiresAt = now.plus(lifetime);
                changed = true;
            }
        }
        if (!changed) {
            return Optional.empty();
        }
        try {
            store.recordUsage(key, lastUsed, expiresAt, ip, now);
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.error("recording usage of API key {} failed", key.id(), e);
            return Optional.of(new HardFailure(Reason.INTERNAL, 500, INTERNAL, "Internal error updating API key."));
        }
    }

    /** The prefix's kind must agree with how the key was minted, so a prefix cannot be swapped. */
    private static boolean kindMatches(TokenKind kind, String loginType) {
        return switch (kind) {
            case SESSION -> loginType.equals("password") || loginType.equals("github") || loginType.equals("oidc");
            case API_TOKEN -> loginType.equals("token");
            case OAUTH2_ACCESS -> loginType.equals("oauth2_provider_app");
            // Refresh tokens, client secrets, codes, device and registration tokens are OAuth2
            // protocol credentials, exchanged at their endpoints only; never API keys.
            case OAUTH2_REFRESH, OAUTH2_CLIENT_SECRET, OAUTH2_CODE, OAUTH2_DEVICE_CODE, OAUTH2_REGISTRATION -> false;
        };
    }

    private static Subject subject(UserRow user, UserWithMemberships loaded, ApiKeyRow key) {
        Set<String> siteRoles = new LinkedHashSet<>(user.rbacRoles());
        siteRoles.add(Roles.MEMBER);
        Map<UUID, Set<String>> orgRoles = new HashMap<>();
        for (Membership m : loaded.memberships()) {
            Set<String> roles = new HashSet<>(m.roles());
            roles.add(Roles.ORGANIZATION_MEMBER);
            orgRoles.put(m.organizationId(), roles);
        }
        return new Subject(user.id(), user.username(), siteRoles, orgRoles, key.scopes(), key.allowList());
    }

    private static UserRow withStatus(UserRow u, String status) {
        return new UserRow(u.id(), u.email(), u.username(), u.name(), u.hashedPassword(), u.createdAt(),
                u.updatedAt(), status, u.rbacRoles(), u.loginType(), u.avatarUrl(), u.deleted(), u.lastSeenAt(),
                u.isSystem(), u.themePreference());
    }
}
