package dev.tokend.server.store;

import dev.tokend.server.audit.AuditEntry;
import dev.tokend.server.auth.Actor;
import dev.tokend.server.auth.GeneratedToken;
import dev.tokend.server.auth.KeyEvents;
import dev.tokend.server.auth.ParseResult;
import dev.tokend.server.auth.TokenFormat;
import dev.tokend.server.auth.TokenKind;
import dev.tokend.server.db.ApiKeyDao;
import dev.tokend.server.db.ApiKeyRow;
import dev.tokend.server.db.OAuth2Dao;
import dev.tokend.server.db.OAuth2Rows;
import dev.tokend.server.db.UserDao;
import dev.tokend.server.db.UserRow;
import dev.tokend.server.error.ApiError;
import dev.tokend.server.oauth2.GrantTypes;
import dev.tokend.server.oauth2.OAuth2Error;
import dev.tokend.server.oauth2.OAuth2Settings;
import dev.tokend.server.oauth2.Pkce;
import dev.tokend.server.oauth2.ScopeNegotiation;
import dev.tokend.server.oauth2.UserCodes;
import dev.tokend.server.rbac.Action;
import dev.tokend.server.rbac.AllowList;
import dev.tokend.server.rbac.Scopes;
import dev.tokend.server.rbac.RbacObject;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * What an OAuth2 grant turns into (RFC 6749 §4, §6; RFC 8628): authorization codes, access tokens
 * (API keys of login type {@code oauth2_provider_app}, minted through {@link ApiKeyMinter} on the
 * grant's authority, so middleware, RBAC, cache, audit and purge treat them like any key), refresh
 * tokens with rotation and reuse detection, device codes, and their revocation. The client is
 * already authenticated ({@link OAuth2Clients#authenticate}); every protocol refusal is an
 * {@link OAuth2Error}.
 */
public final class OAuth2Grants {
    // NOTE: stable wire string (docs/oauth2.md).
    public static final String LOGIN_TYPE = "oauth2_provider_app";
    static final String REFRESH_RESOURCE = "oauth2_refresh_token";
    static final String CODE_RESOURCE = "oauth2_code";

    private final Jdbi jdbi;
    private final Authz authz;
    private final Auditor auditor;
    private final ApiKeyMinter minter;
    private final InstantSource clock;
    private final SecureRandom rng;
    private final OAuth2Settings settings;
    private final KeyEvents events;

    OAuth2Grants(Jdbi jdbi, Authz authz, Auditor auditor, ApiKeyMinter minter, InstantSource clock, SecureRandom rng,
            OAuth2Settings settings, KeyEvents events) {
        this.events = Objects.requireNonNull(events);
        this.jdbi = Objects.requireNonNull(jdbi);
        this.authz = Objects.requireNonNull(authz);
        this.auditor = Objects.requireNonNull(auditor);
        this.minter = Objects.requireNonNull(minter);
        this.clock = Objects.requireNonNull(clock);
        this.rng = Objects.requireNonNull(rng);
        this.settings = Objects.requireNonNull(settings);
    }

    /** What the token endpoint answers (RFC 6749 §5.1). {@link #toString()} hides the tokens. */
    public record Issued(String accessToken, long expiresIn, Instant expiry, String refreshToken, List<String> scopes) {
        @Override
        public String toString() {
            return "Issued[scopes=" + scopes + "]";
        }
    }

    /** An approved authorization request, ready to become a code. */
    public record CodeRequest(String redirectUri, String resource, String codeChallenge, List<String> scopes) {}

    // ---- authorization code (RFC 6749 §4.1, RFC 7636, RFC 8707) ----------------------------------

    /**
     * Issues a code for the signed-in user's consent: any earlier unused codes of (app, user) are deleted;
     * the new one is valid {@code codeLifetime} (10 minutes) and single use. Audited as the user's
     * {@code authorize} of the app.
     */
    public String issueCode(Actor user, OAuth2Rows.App app, CodeRequest request) {
        UUID userId = requireCovers(user, request.scopes());
        GeneratedToken code = TokenFormat.generate(TokenKind.OAUTH2_CODE, rng);
        Instant now = now();
        jdbi.useTransaction(h -> {
            OAuth2Dao dao = h.attach(OAuth2Dao.class);
            dao.deleteUnusedOAuth2CodesOf(app.id(), userId); // used ones stay: their reuse must be seen
            dao.insertOAuth2Code(code.id(), code.hashedSecret(), app.id(), userId, now,
                    now.plus(settings.codeLifetime()), request.redirectUri(), request.resource(),
                    request.codeChallenge(), request.scopes().toArray(String[]::new));
            auditor.write(h, auditor.begin(user, OAuth2Clients.RESOURCE, "authorize").resource(app.id(), app.name())
                    .additionalFields(Map.of("scopes", request.scopes(), "resource", request.resource())), 302);
        });
        return code.token();
    }

    /**
     * {@code grant_type=authorization_code}: the code must be this client's, unexpired and unused;
     * the verifier must match its challenge, the redirect URI be identical and the resource the
     * one bound to the code. The code is consumed atomically in the transaction that mints the key,
     * and remembers the refresh family it began.
     *
     * <p>A second use of the code by its client, with the right verifier, is refused and revokes
     * what the first use issued (OAuth 2.1 §4.1.3, RFC 6749 §4.1.2: "SHOULD revoke (when possible)
     * all tokens previously issued based on that authorization code"): see {@link #revokeForCodeReuse}.
     * That holds for two concurrent exchanges as well: the one that loses the race revokes what the
     * winner issued. Requiring the verifier means that someone who merely saw a used code (in a log,
     * a referrer) cannot end the grant; the client that really redeemed it always has it.
     */
    public Issued exchangeCode(Actor actor, OAuth2Rows.App app, String code, String verifier, String redirectUri,
            String resource) {
        ParseResult.Valid parsed = parse(code, TokenKind.OAUTH2_CODE, OAuth2Error.INVALID_CODE);
        OAuth2Rows.Code row = jdbi.withExtension(OAuth2Dao.class, dao -> dao.getOAuth2Code(parsed.id()))
                .filter(c -> TokenFormat.secretMatches(parsed.secret(), c.hashedSecret()))
                .filter(c -> c.appId().equals(app.id()))
                .orElseThrow(() -> OAuth2Error.INVALID_CODE.exception());
        if (row.used()) {
            if (Pkce.verifies(verifier, row.codeChallenge())) {
                revokeForCodeReuse(actor, app, row.id());
            }
            throw OAuth2Error.INVALID_CODE.exception(); // the reference's wire answer for a used code
        }
        if (row.expiresAt().isBefore(clock.instant())) {
            throw OAuth2Error.INVALID_CODE.exception();
        }
        if (!Pkce.verifies(verifier, row.codeChallenge())) {
            throw OAuth2Error.INVALID_VERIFIER.exception();
        }
        if (!row.redirectUri().equals(redirectUri == null ? "" : redirectUri)) {
            throw OAuth2Error.REDIRECT_URI_CHANGED.exception();
        }
        if (resource != null && !resource.isEmpty() && !resource.equals(row.resource())) {
            throw OAuth2Error.INVALID_TARGET.exception();
        }
        UserRow owner = user(row.userId()).orElseThrow(() -> OAuth2Error.INVALID_CODE.exception());
        UUID family = UUID.randomUUID();
        AtomicBoolean lostRace = new AtomicBoolean();
        try {
            return issue(actor, app, owner, row.scopes(), row.resource(), GrantTypes.AUTHORIZATION_CODE, family,
                    h -> {
                        // Single use, atomically: a concurrent exchange of the same code waits for this
                        // row's lock and then finds it used.
                        if (h.attach(OAuth2Dao.class).consumeOAuth2Code(row.id(), family).isEmpty()) {
                            lostRace.set(true);
                            throw OAuth2Error.INVALID_CODE.exception();
                        }
                    }, (h, refreshId) -> { });
        } catch (OAuth2Error.Refusal e) {
            if (lostRace.get()) {
                // The mint rolled back; the code was redeemed by the exchange that won, which has
                // committed (its UPDATE released the row to us only then): this is a second use.
                revokeForCodeReuse(actor, app, row.id());
            }
            throw e;
        }
    }

    /**
     * A second use of an authorization code: in one transaction, with the code locked, deletes
     * every access token (API key) of the refresh family its first use began and revokes every
     * refresh token of that family, and audits it ({@code oauth2_code} {@code reuse}, as the code's
     * user, like the refresh-token reuse). Deleting the key rows is what tells every replica's
     * validation cache (the {@code api_keys} delete trigger, migration V3); this replica evicts
     * right after the commit.
     */
    private void revokeForCodeReuse(Actor actor, OAuth2Rows.App app, String codeId) {
        List<String> deleted = jdbi.inTransaction(h -> {
            OAuth2Dao dao = h.attach(OAuth2Dao.class);
            Optional<OAuth2Rows.Code> locked = dao.lockOAuth2Code(codeId);
            if (locked.isEmpty() || locked.get().familyId() == null) {
                return List.<String>of(); // deleted meanwhile (app revoked, purge): nothing left to revoke
            }
            UUID family = locked.get().familyId();
            List<String> keys = dao.deleteApiKeysOfOAuth2Family(family);
            int tokens = dao.revokeOAuth2RefreshFamily(family, now());
            auditor.write(h, auditor.begin(actor, CODE_RESOURCE, "reuse").actor(locked.get().userId())
                    .resource(app.id(), app.name()).additionalFields(Map.of("code_id", codeId,
                            "family_id", family.toString(), "api_keys_deleted", keys.size(),
                            "refresh_tokens_revoked", tokens)), 400);
            return keys;
        });
        deleted.forEach(events::keyDeleted); // committed: this replica's next request must see it
    }

    // ---- refresh (RFC 6749 §6, OAuth 2.1 §4.3.1: rotation with reuse detection) ------------------

    /**
     * {@code grant_type=refresh_token}: rotates. Presenting a rotated token again within
     * {@code refreshReuseGrace} of its rotation (a client that lost the response) revokes the
     * successor and issues a new pair; later, it revokes every token of the family, is audited,
     * and is {@code invalid_grant}.
     */
    public Issued refresh(Actor actor, OAuth2Rows.App app, String token, String resource) {
        ParseResult.Valid parsed = parse(token, TokenKind.OAUTH2_REFRESH, OAuth2Error.INVALID_REFRESH);
        OAuth2Rows.Refresh row = jdbi.withExtension(OAuth2Dao.class, dao -> dao.getOAuth2RefreshToken(parsed.id()))
                .filter(r -> TokenFormat.secretMatches(parsed.secret(), r.hashedSecret()))
                .filter(r -> r.appId().equals(app.id()))
                .orElseThrow(() -> OAuth2Error.INVALID_REFRESH.exception());
        if (row.revoked() || row.expiresAt().isBefore(clock.instant())) {
            throw OAuth2Error.INVALID_REFRESH.exception();
        }
        if (row.rotatedAt() != null && (!withinGrace(row) || successorUsed(row))) {
            revokeFamilyForReuse(actor, app, row);
            throw OAuth2Error.INVALID_REFRESH.exception();
        }
        if (resource != null && !resource.isEmpty() && !resource.equals(row.audience())) {
            throw OAuth2Error.INVALID_TARGET.exception();
        }
        UserRow owner = user(row.userId()).orElseThrow(() -> OAuth2Error.INVALID_REFRESH.exception());
        List<String> deleted = new java.util.ArrayList<>();
        Issued issued = issue(actor, app, owner, row.scopes(), row.audience(), GrantTypes.REFRESH_TOKEN, row.familyId(), h -> {
            OAuth2Dao dao = h.attach(OAuth2Dao.class);
            OAuth2Rows.Refresh locked = dao.lockOAuth2RefreshToken(row.id()).orElseThrow(
                    () -> OAuth2Error.INVALID_REFRESH.exception());
            if (locked.revoked() || (locked.rotatedAt() != null && !withinGrace(locked))) {
                throw OAuth2Error.INVALID_REFRESH.exception(); // a concurrent refresh won the race
            }
            if (locked.replacedBy() != null) {
                // The grace retry: the successor was never received; it and its access token go.
                dao.getOAuth2RefreshToken(locked.replacedBy()).ifPresent(successor -> {
                    dao.revokeOAuth2RefreshToken(successor.id(), now());
                    if (successor.apiKeyId() != null) {
                        h.attach(ApiKeyDao.class).deleteApiKey(successor.apiKeyId());
                        deleted.add(successor.apiKeyId());
                    }
                });
            }
            if (locked.apiKeyId() != null) {
                h.attach(ApiKeyDao.class).deleteApiKey(locked.apiKeyId()); // the rotated token's access token
                deleted.add(locked.apiKeyId());
            }
        }, (h, newRefreshId) -> h.attach(OAuth2Dao.class).markOAuth2RefreshRotated(row.id(), now(), newRefreshId));
        deleted.forEach(events::keyDeleted); // committed: this replica's next request must see it
        return issued;
    }

    /** Whether the token that replaced {@code row} was itself used: then a retry is no lost response. */
    private boolean successorUsed(OAuth2Rows.Refresh row) {
        return row.replacedBy() != null && jdbi.withExtension(OAuth2Dao.class,
                dao -> dao.getOAuth2RefreshToken(row.replacedBy())).map(r -> r.rotatedAt() != null || r.revoked())
                .orElse(true);
    }

    private boolean withinGrace(OAuth2Rows.Refresh row) {
        return row.rotatedAt() != null
                && !Duration.between(row.rotatedAt(), clock.instant()).minus(settings.refreshReuseGrace()).isPositive();
    }

    /** Reuse of a rotated refresh token: a stolen token is in play, so the whole family goes. */
    private void revokeFamilyForReuse(Actor actor, OAuth2Rows.App app, OAuth2Rows.Refresh row) {
        List<String> deleted = jdbi.inTransaction(h -> {
            OAuth2Dao dao = h.attach(OAuth2Dao.class);
            List<String> keys = dao.deleteApiKeysOfOAuth2Family(row.familyId());
            int tokens = dao.revokeOAuth2RefreshFamily(row.familyId(), now());
            auditor.write(h, auditor.begin(actor, REFRESH_RESOURCE, "reuse").actor(row.userId())
                    .resource(app.id(), app.name()).additionalFields(Map.of("family_id", row.familyId().toString(),
                            "refresh_token_id", row.id(), "api_keys_deleted", keys.size(),
                            "refresh_tokens_revoked", tokens)), 400);
            return keys;
        });
        deleted.forEach(events::keyDeleted);
    }

    // ---- client credentials (RFC 6749 §4.4) ------------------------------------------------------

    /**
     * {@code grant_type=client_credentials}: confidential clients only, acting as a service account
     * owned by the admin who created the client; scopes are negotiated against the client's allowed
     * scopes, which must be set (fail closed: no allowed scopes, no client_credentials token).
     */
    public Issued clientCredentials(Actor actor, OAuth2Rows.App app, List<String> requestedScopes) {
        if (app.isPublic() || !app.grantTypes().contains(GrantTypes.CLIENT_CREDENTIALS) || app.createdBy() == null) {
            throw OAuth2Error.UNAUTHORIZED_CLIENT.exception();
        }
        if (app.scopes().isEmpty()) {
            throw OAuth2Error.INVALID_SCOPE.exception();
        }
        List<String> scopes = ScopeNegotiation.negotiate(requestedScopes, app.scopes());
        UserRow owner = user(app.createdBy()).orElseThrow(() -> OAuth2Error.UNAUTHORIZED_CLIENT.exception());
        return issue(actor, app, owner, scopes, "", GrantTypes.CLIENT_CREDENTIALS, null, h -> { }, (h, r) -> { });
    }

    // ---- device authorization (RFC 8628) ---------------------------------------------------------

    /** What {@code POST /oauth2/device} answers (RFC 8628 §3.2). {@link #toString()} hides the device code. */
    public record DeviceStart(String deviceCode, String userCode, long expiresIn, int interval) {
        @Override
        public String toString() {
            return "DeviceStart[userCode=" + userCode + "]";
        }
    }

    public DeviceStart startDevice(OAuth2Rows.App app, List<String> requestedScopes, String resource) {
        if (!app.grantTypes().contains(GrantTypes.DEVICE_CODE)) {
            throw OAuth2Error.UNAUTHORIZED_CLIENT.exception();
        }
        List<String> scopes = ScopeNegotiation.negotiate(requestedScopes, app.scopes());
        GeneratedToken device = TokenFormat.generate(TokenKind.OAUTH2_DEVICE_CODE, rng);
        String userCode = UserCodes.userCode(rng);
        Instant now = now();
        int interval = (int) settings.devicePollInterval().toSeconds();
        jdbi.useExtension(OAuth2Dao.class, dao -> dao.insertOAuth2DeviceCode(device.id(), device.hashedSecret(),
                userCode, app.id(), scopes.toArray(String[]::new), resource, now,
                now.plus(settings.deviceCodeLifetime()), interval));
        return new DeviceStart(device.token(), UserCodes.display(userCode), settings.deviceCodeLifetime().toSeconds(),
                interval);
    }

    /** The pending device request with this user code, for the approval page; empty when unknown or over. */
    public Optional<OAuth2Rows.Device> pendingDevice(String userCode) {
        String normalized = UserCodes.normalize(userCode);
        return jdbi.withExtension(OAuth2Dao.class, dao -> dao.lockOAuth2DeviceCodeByUserCode(normalized))
                .filter(d -> "pending".equals(d.status()) && !d.expiresAt().isBefore(clock.instant()));
    }

    /** The signed-in user approves or denies the device request; false when it is unknown, expired or decided. */
    public boolean decideDevice(Actor user, String userCode, boolean approve) {
        UUID userId = user.principal().orElseThrow(ApiError::forbidden).user().id();
        String normalized = UserCodes.normalize(userCode);
        return jdbi.inTransaction(h -> {
            OAuth2Dao dao = h.attach(OAuth2Dao.class);
            Optional<OAuth2Rows.Device> device = dao.lockOAuth2DeviceCodeByUserCode(normalized)
                    .filter(d -> "pending".equals(d.status()) && !d.expiresAt().isBefore(clock.instant()));
            if (device.isEmpty()) {
                return false;
            }
            if (approve) {
                requireCovers(user, device.get().scopes());
            }
            dao.decideOAuth2DeviceCode(device.get().id(), approve ? "approved" : "denied", userId);
            auditor.write(h, auditor.begin(user, OAuth2Clients.RESOURCE, approve ? "authorize" : "deny")
                    .resource(device.get().appId(), "device")
                    .additionalFields(Map.of("scopes", device.get().scopes())), 200);
            return true;
        });
    }

    /**
     * {@code grant_type=urn:ietf:params:oauth:grant-type:device_code} (RFC 8628 §3.4–3.5):
     * {@code authorization_pending}, {@code slow_down} (polled faster than the interval, which then
     * grows by 5 seconds), {@code access_denied}, {@code expired_token}, or tokens once approved.
     */
    public Issued pollDevice(Actor actor, OAuth2Rows.App app, String deviceCode) {
        ParseResult.Valid parsed = parse(deviceCode, TokenKind.OAUTH2_DEVICE_CODE, OAuth2Error.INVALID_DEVICE_CODE);
        OAuth2Rows.Device device = jdbi.inTransaction(h -> {
            OAuth2Dao dao = h.attach(OAuth2Dao.class);
            OAuth2Rows.Device d = dao.lockOAuth2DeviceCode(parsed.id())
                    .filter(r -> TokenFormat.secretMatches(parsed.secret(), r.hashedSecret()))
                    .filter(r -> r.appId().equals(app.id()) && !"used".equals(r.status()))
                    .orElseThrow(() -> OAuth2Error.INVALID_DEVICE_CODE.exception());
            Instant now = clock.instant();
            if (d.expiresAt().isBefore(now)) {
                throw OAuth2Error.EXPIRED_TOKEN.exception();
            }
            if ("pending".equals(d.status())) {
                boolean tooFast = d.lastPolledAt() != null
                        && Duration.between(d.lastPolledAt(), now).getSeconds() < d.intervalSeconds();
                dao.pollOAuth2DeviceCode(d.id(), now(), tooFast ? d.intervalSeconds() + 5 : d.intervalSeconds());
                return tooFast ? d.withStatus("slow_down") : d;
            }
            return d;
        });
        switch (device.status()) {
            case "pending" -> throw OAuth2Error.AUTHORIZATION_PENDING.exception();
            case "slow_down" -> throw OAuth2Error.SLOW_DOWN.exception();
            case "denied" -> throw OAuth2Error.DEVICE_DENIED.exception();
            default -> { }
        }
        UserRow owner = user(device.userId()).orElseThrow(() -> OAuth2Error.INVALID_DEVICE_CODE.exception());
        return issue(actor, app, owner, device.scopes(), device.resource(), GrantTypes.DEVICE_CODE, UUID.randomUUID(),
                h -> {
                    if (h.attach(OAuth2Dao.class).useOAuth2DeviceCode(device.id()) != 1) {
                        throw OAuth2Error.INVALID_DEVICE_CODE.exception(); // a concurrent poll took it
                    }
                }, (h, r) -> { });
    }

    // ---- revocation and introspection (RFC 7009, RFC 7662) ----------------------------------------

    /**
     * Revokes an access token (its API key) or a refresh token (its whole family, RFC 7009 §2.1) of
     * this client. Unknown tokens and tokens of other clients change nothing (the endpoint still
     * answers 200); text that is no tokend token is {@code invalid_request}.
     */
    public void revoke(Actor actor, OAuth2Rows.App app, String token) {
        if (!(TokenFormat.parse(token == null ? "" : token) instanceof ParseResult.Valid parsed)) {
            throw OAuth2Error.INVALID_TOKEN_FORMAT.exception();
        }
        List<String> deleted = new java.util.ArrayList<>();
        jdbi.useTransaction(h -> {
            OAuth2Dao dao = h.attach(OAuth2Dao.class);
            switch (parsed.kind()) {
                case OAUTH2_ACCESS -> dao.getOAuth2AccessToken(parsed.id())
                        .filter(t -> t.appId().equals(app.id()))
                        .ifPresent(t -> h.attach(ApiKeyDao.class).getApiKeyById(t.apiKeyId())
                                .filter(k -> TokenFormat.secretMatches(parsed.secret(), k.hashedSecret()))
                                .ifPresent(k -> {
                                    h.attach(ApiKeyDao.class).deleteApiKey(k.id());
                                    deleted.add(k.id());
                                    auditRevoke(h, actor, app, k.userId(), Map.of("api_key_id", k.id()));
                                }));
                case OAUTH2_REFRESH -> dao.getOAuth2RefreshToken(parsed.id())
                        .filter(r -> r.appId().equals(app.id()))
                        .filter(r -> TokenFormat.secretMatches(parsed.secret(), r.hashedSecret()))
                        .ifPresent(r -> {
                            List<String> keys = dao.deleteApiKeysOfOAuth2Family(r.familyId());
                            deleted.addAll(keys);
                            dao.revokeOAuth2RefreshFamily(r.familyId(), now());
                            auditRevoke(h, actor, app, r.userId(), Map.of("family_id", r.familyId().toString(),
                                    "api_keys_deleted", keys.size()));
                        });
                default -> { } // not a token this server issues to clients: nothing to revoke
            }
        });
        deleted.forEach(events::keyDeleted);
    }

    private void auditRevoke(Handle h, Actor actor, OAuth2Rows.App app, UUID userId, Map<String, Object> fields) {
        auditor.write(h, auditor.begin(actor, "oauth2_token", "delete").actor(userId).resource(app.id(), app.name())
                .additionalFields(fields), 200);
    }

    /** Which client and grant an access token belongs to (for introspection); empty when it is no OAuth2 token. */
    public Optional<OAuth2Rows.AccessToken> accessTokenGrant(String apiKeyId) {
        return jdbi.withExtension(OAuth2Dao.class, dao -> dao.getOAuth2AccessToken(apiKeyId));
    }

    /** A live (unrotated, unrevoked, unexpired) refresh token of this client, for introspection. */
    public Optional<OAuth2Rows.Refresh> liveRefresh(OAuth2Rows.App app, String token) {
        if (!(TokenFormat.parse(token == null ? "" : token) instanceof ParseResult.Valid parsed)
                || parsed.kind() != TokenKind.OAUTH2_REFRESH) {
            return Optional.empty();
        }
        return jdbi.withExtension(OAuth2Dao.class, dao -> dao.getOAuth2RefreshToken(parsed.id()))
                .filter(r -> TokenFormat.secretMatches(parsed.secret(), r.hashedSecret()))
                .filter(r -> r.appId().equals(app.id()) && !r.revoked() && r.rotatedAt() == null
                        && !r.expiresAt().isBefore(clock.instant()));
    }

    // ---- the user's side -------------------------------------------------------------------------

    /** Apps the signed-in user has authorized and that still hold a live token. */
    public List<OAuth2Rows.Authorized> authorizedApps(Actor user) {
        var principal = user.principal().orElseThrow(ApiError::forbidden);
        UUID userId = principal.user().id();
        authz.require(principal.subject(), Action.READ, RbacObject.apiKey("", userId));
        return jdbi.withExtension(OAuth2Dao.class, dao -> dao.listOAuth2AppsAuthorizedBy(userId, clock.instant()));
    }

    /**
     * {@code DELETE /oauth2/tokens?client_id=}: the signed-in user revokes an app: every code, refresh
     * token and access token of (app, user) goes. Needs delete on the user's own API keys.
     */
    public void revokeApp(Actor user, String clientId) {
        var principal = user.principal().orElseThrow(ApiError::forbidden);
        UUID userId = principal.user().id();
        UUID appId = OAuth2Clients.parseId(clientId).orElseThrow(ApiError::notFound);
        authz.require(principal.subject(), Action.DELETE, RbacObject.apiKey("", userId));
        List<String> deleted = jdbi.inTransaction(h -> {
            OAuth2Dao dao = h.attach(OAuth2Dao.class);
            OAuth2Rows.App app = dao.getOAuth2App(appId).orElseThrow(ApiError::notFound);
            List<String> keys = dao.deleteApiKeysOfOAuth2AppUser(appId, userId);
            dao.revokeOAuth2RefreshOfAppUser(appId, userId, now());
            dao.deleteOAuth2CodesOf(appId, userId);
            auditor.write(h, auditor.begin(user, "oauth2_token", "delete").resource(app.id(), app.name())
                    .additionalFields(Map.of("api_keys_deleted", keys.size())), 204);
            return keys;
        });
        deleted.forEach(events::keyDeleted);
    }

    /**
     * A consent is a mint on the user's behalf, so the escalation rule holds here too: the key that
     * approves must cover the scopes it grants (an unscoped session does), never a narrower key
     * widening itself through an app.
     */
    private static UUID requireCovers(Actor user, List<String> scopes) {
        var principal = user.principal().orElseThrow(ApiError::forbidden);
        ApiKeyRow key = principal.key();
        if (!Scopes.covers(key.scopes(), scopes) || !AllowList.covers(key.allowList(), ApiKeyMinter.ALLOW_ALL)) {
            throw ApiError.of(403, ApiError.FORBIDDEN, ApiKeyMinter.ESCALATION);
        }
        return principal.user().id();
    }

    // ---- minting ---------------------------------------------------------------------------------

    /**
     * Mints the access token through the one minting path (authority: the grant), with
     * {@code beforeInsert} in its transaction (consuming the code or locking the rotated token),
     * then links it to the client and, for grants that have one, writes the new refresh token.
     */
    private Issued issue(Actor actor, OAuth2Rows.App app, UserRow owner, List<String> scopes, String audience,
            String grantType, UUID family, Consumer<Handle> beforeInsert, BiConsumer<Handle, String> afterRefresh) {
        GeneratedToken refresh = family == null ? null : TokenFormat.generate(TokenKind.OAUTH2_REFRESH, rng);
        ApiKeyMinter.Spec spec = new ApiKeyMinter.Spec(owner, ApiKeyMinter.Authority.GRANT, LOGIN_TYPE,
                TokenKind.OAUTH2_ACCESS, settings.accessTokenLifetime(), false, "oauth2:" + app.id(), scopes,
                ApiKeyMinter.ALLOW_ALL, "create", audience);
        ApiKeyMinter.Minted minted;
        try {
            minted = minter.mint(actor, spec, beforeInsert, (h, key) -> {
                Instant now = now();
                OAuth2Dao dao = h.attach(OAuth2Dao.class);
                dao.insertOAuth2AccessToken(key.row().id(), app.id(), owner.id(), family, grantType, now);
                if (refresh != null) {
                    dao.insertOAuth2RefreshToken(refresh.id(), refresh.hashedSecret(), app.id(), owner.id(), family,
                            key.row().id(), audience, scopes.toArray(String[]::new), now,
                            now.plus(settings.refreshTokenLifetime()));
                    afterRefresh.accept(h, refresh.id());
                }
            });
        } catch (ApiError e) {
            // The owner is suspended, deleted or a system user: the grant no longer holds.
            throw OAuth2Error.GRANT_USER_INACTIVE.exception();
        }
        ApiKeyRow key = minted.row();
        return new Issued(minted.token(), settings.accessTokenLifetime().toSeconds(), key.expiresAt(),
                refresh == null ? null : refresh.token(), scopes);
    }

    private Optional<UserRow> user(UUID id) {
        return id == null ? Optional.empty()
                : jdbi.withExtension(UserDao.class, dao -> dao.getUserById(id)).filter(u -> !u.deleted());
    }

    private static ParseResult.Valid parse(String token, TokenKind kind, OAuth2Error otherwise) {
        if (token != null && TokenFormat.parse(token) instanceof ParseResult.Valid valid && valid.kind() == kind) {
            return valid;
        }
        throw otherwise.exception();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
