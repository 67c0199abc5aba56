package dev.tokend.server.auth;

import dev.tokend.server.auth.ValidationResult.Authenticated;
import dev.tokend.server.auth.ValidationResult.HardFailure;
import dev.tokend.server.auth.ValidationResult.Reason;
import dev.tokend.server.auth.ValidationResult.SoftFailure;
import dev.tokend.server.db.ApiKeyRow;
import dev.tokend.server.db.Membership;
import dev.tokend.server.db.PrincipalRow;
import dev.tokend.server.db.UserRow;
import dev.tokend.server.rbac.Roles;
import dev.tokend.server.rbac.Subject;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
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
 * <p>Cache first (issue 10): a key seen before is validated from {@link KeyCache} without a query;
 * its secret is still compared in constant time and its expiry checked against the injected clock.
 * A miss is one query ({@link ApiKeyStore#load}). Usage bookkeeping is handed to the
 * {@link UsageWriter} and written behind the response.
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
    private final KeyCache cache;
    private final UsageWriter usage;
    private final InstantSource clock;
    private final boolean disableSessionExpiryRefresh;
    private final LinkedSessionCheck idpSessions;

    public ApiKeyValidator(ApiKeyStore store, KeyCache cache, UsageWriter usage, InstantSource clock,
            boolean disableSessionExpiryRefresh) {
        this(store, cache, usage, clock, disableSessionExpiryRefresh, LinkedSessionCheck.NONE);
    }

    /** With the IdP link check of §B (issue 12) for {@code oidc} and {@code github} sessions. */
    public ApiKeyValidator(ApiKeyStore store, KeyCache cache, UsageWriter usage, InstantSource clock,
            boolean disableSessionExpiryRefresh, LinkedSessionCheck idpSessions) {
        this.store = Objects.requireNonNull(store, "store");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.usage = Objects.requireNonNull(usage, "usage");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.disableSessionExpiryRefresh = disableSessionExpiryRefresh;
        this.idpSessions = Objects.requireNonNull(idpSessions, "idpSessions");
    }

    /**
     * Validates {@code token} (null or empty when none was presented) used from {@code clientIp} by
     * the request {@code requestId} (named in the audit row if the use activates a dormant user).
     */
    public ValidationResult validate(String token, InetAddress clientIp, UUID requestId) {
        ValidationResult checked = check(token, clientIp, requestId);
        return checked instanceof Authenticated a ? use(a, clientIp, requestId) : checked;
    }

    /**
     * Records that an authenticated key was used: debounced usage and sliding expiry (§3.2 steps
     * 8–10, written behind the response) and dormant → active. Only routes that act on the key's
     * behalf count as use; the root pre-check on a public route does not (tokend decision, issue 15).
     */
    public ValidationResult use(Authenticated checked, InetAddress clientIp, UUID requestId) {
        Instant now = clock.instant();
        ApiKeyRow key = checked.key();
        KeyCache.Entry entry = recordUsage(new KeyCache.Entry(key, checked.user(), checked.principal().memberships(),
                checked.subject()), clientIp, now);
        UserRow user = entry.user();
        if (UserRow.DORMANT.equals(user.status())) {
            try {
                store.activateDormant(user, requestId, clientIp);
            } catch (RuntimeException e) {
                LOG.error("activating dormant user {} failed", user.id(), e);
                return new HardFailure(Reason.INTERNAL, 500, INTERNAL, "Internal error activating dormant user.");
            }
            user = withStatus(user, UserRow.ACTIVE);
            entry = new KeyCache.Entry(entry.key(), user, entry.memberships(), entry.subject());
            cache.refresh(key.id(), entry);
        }
        return new Authenticated(new Principal(entry.key(), user, entry.subject(), entry.memberships()));
    }

    /**
     * Validates without counting it as use (no usage write, no dormant → active): what the root
     * pre-check does for every request that carries a token, public routes included. A dormant
     * user's key passes (it would be activated by a use); every other inactive status fails.
     */
    public ValidationResult check(String token, InetAddress clientIp, UUID requestId) {
        if (token == null || token.isEmpty()) {
            return new SoftFailure(Reason.MISSING, MISSING_DETAIL);
        }
        // 1. Format and checksum: garbage never reaches the cache or the database.
        ParseResult.Valid parsed;
        switch (TokenFormat.parse(token)) {
            case ParseResult.Malformed malformed -> {
                return new SoftFailure(Reason.MALFORMED, malformed.detail());
            }
            case ParseResult.Valid valid -> parsed = valid;
        }
        // 2. The cache, else one lookup by the public id.
        KeyCache.Entry entry = cache.get(parsed.id());
        boolean cached = entry != null;
        if (!cached) {
            Optional<KeyCache.Entry> loaded;
            try {
                loaded = load(parsed.id());
            } catch (RuntimeException e) {
                LOG.error("fetching API key {} failed", parsed.id(), e);
                return new HardFailure(Reason.INTERNAL, 500, INTERNAL, "Internal error fetching API key by id.");
            }
            if (loaded.isEmpty()) {
                return new SoftFailure(Reason.UNKNOWN_KEY, UNKNOWN_DETAIL);
            }
            entry = loaded.get();
        }
        ApiKeyRow key = entry.key();
        // 3. Secret, compared in constant time; then the kind named by the prefix must match the key.
        if (!TokenFormat.secretMatches(parsed.secret(), key.hashedSecret())) {
            return new SoftFailure(Reason.BAD_SECRET, BAD_SECRET_DETAIL);
        }
        if (!kindMatches(parsed.kind(), key.loginType())) {
            return new SoftFailure(Reason.UNKNOWN_KEY, UNKNOWN_DETAIL);
        }
        // 4. Expiry, before any refresh: an expired key is never revived by use. expires_at == now is valid.
        Instant now = clock.instant();
        if (key.expiresAt().isBefore(now) && cached) {
            // Another replica may have slid or lengthened it since we cached it: read it once more
            // before refusing (a stale entry may only be more cautious, never less).
            try {
                Optional<KeyCache.Entry> fresh = load(parsed.id());
                if (fresh.isEmpty()) {
                    return new SoftFailure(Reason.UNKNOWN_KEY, UNKNOWN_DETAIL);
                }
                entry = fresh.get();
                key = entry.key();
            } catch (RuntimeException e) {
                LOG.error("re-reading expired API key {} failed", parsed.id(), e);
                return new HardFailure(Reason.INTERNAL, 500, INTERNAL, "Internal error fetching API key by id.");
            }
        }
        if (key.expiresAt().isBefore(now)) {
            return new SoftFailure(Reason.EXPIRED, "API key expired at \"" + key.expiresAt() + "\".");
        }
        // 4b. IdP sessions: the link must exist and its token be current, refreshed if needed (§B, issue 12).
        Optional<ValidationResult.Failure> idpFailure = idpSessions.check(key, now);
        if (idpFailure.isPresent()) {
            return idpFailure.get();
        }
        // 5. User status (§3.2 steps 11–13); usage and dormancy are use(), not check().
        UserRow user = entry.user();
        if (!UserRow.ACTIVE.equals(user.status()) && !UserRow.DORMANT.equals(user.status())) {
            return new HardFailure(Reason.USER_INACTIVE, 401, "User is not active (status = \"" + user.status()
                    + "\"). Contact an admin to reactivate your account.", null);
        }
        return new Authenticated(new Principal(entry.key(), user, entry.subject(), entry.memberships()));
    }

    /** One query; the result is cached (a key without a live user is remembered as unknown). */
    private Optional<KeyCache.Entry> load(String id) {
        if (!cache.mayLoad(id)) {
            return Optional.empty();
        }
        long epoch = cache.epoch();
        Optional<PrincipalRow> row = store.load(id);
        if (row.isEmpty() || row.get().user().isEmpty()) {
            // Deleting a user deletes their keys; a key without a live user is simply invalid.
            cache.rememberUnknown(id);
            return Optional.empty();
        }
        PrincipalRow r = row.get();
        ApiKeyRow key = withPendingUsage(r.key());
        KeyCache.Entry entry = new KeyCache.Entry(key, r.user().get(), r.memberships(),
                subject(r.user().get(), r.memberships(), key));
        cache.put(id, entry, epoch);
        return Optional.of(entry);
    }

    /** This replica's own usage that is queued but not yet written (a slid expiry must not be lost meanwhile). */
    private ApiKeyRow withPendingUsage(ApiKeyRow key) {
        Optional<UsageWriter.Usage> pending = usage.pending(key.id());
        if (pending.isEmpty()) {
            return key;
        }
        UsageWriter.Usage u = pending.get();
        Instant lastUsed = u.lastUsed().isAfter(key.lastUsed()) ? u.lastUsed() : key.lastUsed();
        // Only a slide computed from the expiry the row still has applies (never revives a key expired meanwhile).
        Instant expiresAt = u.slidFrom().equals(key.expiresAt()) ? u.expiresAt() : key.expiresAt();
        return new ApiKeyRow(key.id(), key.hashedSecret(), key.userId(), lastUsed, expiresAt, key.createdAt(),
                key.updatedAt(), key.loginType(), key.lifetimeSeconds(), u.ipAddress(), key.tokenName(), key.scopes(),
                key.allowList(), key.slidingExpiry(), key.audience());
    }

    private KeyCache.Entry recordUsage(KeyCache.Entry entry, InetAddress clientIp, Instant now) {
        ApiKeyRow key = entry.key();
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
            return entry;
        }
        ApiKeyRow updated = new ApiKeyRow(key.id(), key.hashedSecret(), key.userId(), lastUsed, expiresAt,
                key.createdAt(), key.updatedAt(), key.loginType(), key.lifetimeSeconds(), ip, key.tokenName(),
                key.scopes(), key.allowList(), key.slidingExpiry(), key.audience());
        UserRow u = entry.user();
        UserRow seen = now.isAfter(u.lastSeenAt()) ? new UserRow(u.id(), u.email(), u.username(), u.name(),
                u.hashedPassword(), u.createdAt(), u.updatedAt(), u.status(), u.rbacRoles(), u.loginType(),
                u.avatarUrl(), u.deleted(), now, u.isSystem(), u.themePreference()) : u;
        KeyCache.Entry next = new KeyCache.Entry(updated, seen, entry.memberships(), entry.subject());
        cache.refresh(key.id(), next);
        usage.enqueue(new UsageWriter.Usage(key.id(), key.userId(), lastUsed, key.expiresAt(), expiresAt, ip, now));
        return next;
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

    private static Subject subject(UserRow user, List<Membership> memberships, ApiKeyRow key) {
        Set<String> siteRoles = new LinkedHashSet<>(user.rbacRoles());
        siteRoles.add(Roles.MEMBER);
        Map<UUID, Set<String>> orgRoles = new HashMap<>();
        for (Membership m : memberships) {
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
