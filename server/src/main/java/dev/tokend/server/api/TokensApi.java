package dev.tokend.server.api;

import dev.tokend.server.auth.TokenKind;
import dev.tokend.server.db.ApiKeyDao;
import dev.tokend.server.db.ApiKeyRow;
import dev.tokend.server.store.ApiKeyMinter;
import dev.tokend.server.store.AuthorizedKeys;
import dev.tokend.server.store.LifetimePolicy;
import dev.tokend.server.store.TokenNames;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokend.sdk.model.ApiKeyWithOwner;
import dev.tokend.sdk.model.GenerateApiKeyResponse;
import dev.tokend.sdk.model.TokenConfig;
import dev.tokend.sdk.model.ValidationError;
import dev.tokend.server.auth.ValidationResult.Authenticated;
import dev.tokend.server.audit.AuditEntry;
import dev.tokend.server.store.Auditor;
import dev.tokend.server.audit.Diffs;
import dev.tokend.server.error.ApiError;
import dev.tokend.server.http.Http;
import dev.tokend.server.http.JsonBody;
import dev.tokend.server.http.QueryParams;
import dev.tokend.server.http.RequestInfo;
import dev.tokend.server.http.middleware.ApiKeyMiddleware;
import dev.tokend.server.http.middleware.UserParam;
import dev.tokend.server.rbac.Action;
import dev.tokend.server.rbac.AllowList;
import dev.tokend.server.store.Authz;
import dev.tokend.server.rbac.InvalidScopeException;
import dev.tokend.server.rbac.RbacObject;
import dev.tokend.server.rbac.Scopes;
import dev.tokend.server.store.UniqueViolation;
import dev.tokend.server.db.UserRow;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Named API tokens and single keys under {@code /users/{user}/keys} (reference §2.2 K2–K9, §5).
 * Every change is audited in the transaction that makes it; refused attempts are audited with
 * their status. A token can never be given more than the key making the request has (403).
 */
public final class TokensApi {
    // NOTE: stable wire strings (reference §2.2).
    static final String CREATE_FAILED = "Failed to create API key.";
    static final String CREATE_LIFETIME = "Failed to validate create API key request.";
    static final String UPDATE_FAILED = "Failed to update API key.";
    static final String ESCALATION = "The requested scopes or allow list exceed what the API key making this "
            + "request may do.";

    /** The wire shape of {@code CreateTokenRequest}; allow-list entries are strings or objects. */
    record CreateBody(Long lifetime, String scope, List<String> scopes, String tokenName, List<JsonNode> allowList) {}

    /** The wire shape of {@code UpdateTokenRequest}; null fields stay unchanged. */
    record UpdateBody(String scope, List<String> scopes, List<JsonNode> allowList, Long lifetime) {}

    private final Jdbi jdbi;
    private final Authz authz;
    private final AuthorizedKeys keys;
    private final Auditor auditor;
    private final ApiKeyMinter minter;
    private final LifetimePolicy lifetimes;
    private final InstantSource clock;
    private final SecureRandom rng;

    public TokensApi(Jdbi jdbi, Authz authz, Auditor auditor, ApiKeyMinter minter, LifetimePolicy lifetimes,
            InstantSource clock, SecureRandom rng) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.authz = Objects.requireNonNull(authz);
        this.keys = new AuthorizedKeys(jdbi, authz);
        this.auditor = Objects.requireNonNull(auditor);
        this.minter = Objects.requireNonNull(minter);
        this.lifetimes = Objects.requireNonNull(lifetimes);
        this.clock = Objects.requireNonNull(clock);
        this.rng = Objects.requireNonNull(rng);
    }

    /** K2 {@code POST /users/{user}/keys/tokens}. */
    public void create(ServerRequest req, ServerResponse res) {
        Authenticated auth = ApiKeyMiddleware.required(req);
        UserRow target = UserParam.required(req);
        AuditEntry audit = auditor.begin(req, "api_key", "create").resource(target.id(), "");
        String token = auditor.attempt(audit, () -> {
            CreateBody body = JsonBody.read(req, CreateBody.class);
            TokenNames.problem(body.tokenName()).ifPresent(problem -> { // issue 9; moves into the minting path
                throw ApiError.of(400, CREATE_FAILED, problem, List.of(new ValidationError("token_name", problem)));
            });
            if (target.isSystem()) {
                throw ApiError.forbidden(); // system users never receive keys through the API
            }
            authz.require(auth.subject(), Action.CREATE, RbacObject.apiKey("", target.id()));
            List<String> scopes = scopes(body.scope(), body.scopes(), CREATE_FAILED);
            List<String> allowList = allowList(body.allowList(), CREATE_FAILED);
            Duration lifetime = lifetimes.resolve(body.lifetime(), target, CREATE_LIFETIME);
            requireNoEscalation(auth, scopes, allowList);
            String name = body.tokenName() == null || body.tokenName().isBlank()
                    ? jdbi.withExtension(ApiKeyDao.class,
                            dao -> TokenNames.unique(rng, n -> dao.tokenNameTaken(target.id(), n)))
                    : body.tokenName();
            audit.resource(target.id(), name);
            String ip = RequestInfo.of(req).clientIp().getHostAddress();
            try {
                return jdbi.inTransaction(h -> {
                    ApiKeyMinter.Minted minted = minter.mint(h.attach(ApiKeyDao.class), new ApiKeyMinter.Request(
                            target.id(), "token", TokenKind.API_TOKEN, lifetime, false, name, scopes, allowList, ip));
                    auditor.write(h, audit.diff(Diffs.apiKey(null, minted.row()))
                            .additionalFields(Diffs.apiKeyFields(minted.row())), 201);
                    return minted.token();
                });
            } catch (UnableToExecuteStatementException e) {
                if (UniqueViolation.is(e)) {
                    throw ApiError.of(409, "A token with name \"" + name + "\" already exists.", null,
                            List.of(new ValidationError("name", "This value is already in use and should be unique.")));
                }
                throw e;
            }
        });
        Http.json(res, 201, new GenerateApiKeyResponse(token));
    }

    /** K3 {@code GET /users/{user}/keys/tokens?include_all=&include_expired=}. */
    public void list(ServerRequest req, ServerResponse res) {
        Authenticated auth = ApiKeyMiddleware.required(req);
        UserRow target = UserParam.required(req);
        boolean includeAll = QueryParams.bool(req, "include_all");
        boolean includeExpired = QueryParams.bool(req, "include_expired");
        // include_all: every user's tokens for those who may read them all; silently one's own otherwise.
        List<ApiKeyWithOwner> visible = keys.tokens(auth.subject(), includeAll ? null : target.id(), includeExpired,
                        clock.instant()).stream()
                .map(r -> ApiKeyViews.toApi(r.key(), r.username()))
                .toList();
        Http.json(res, 200, visible);
    }

    /** K4 {@code GET /users/{user}/keys/tokens/tokenconfig}: the maximum for the target user. */
    public void tokenConfig(ServerRequest req, ServerResponse res) {
        UserRow target = UserParam.required(req);
        Http.json(res, 200, new TokenConfig(lifetimes.maxFor(target).toNanos()));
    }

    /** K5 {@code GET /users/{user}/keys/tokens/{keyname}}. */
    public void getByName(ServerRequest req, ServerResponse res) {
        Http.json(res, 200, ApiKeyViews.toApi(readableByName(req)));
    }

    /** K6 {@code GET /users/{user}/keys/{keyid}}: any login type; only RBAC on the key decides (§2.2). */
    public void getById(ServerRequest req, ServerResponse res) {
        Http.json(res, 200, ApiKeyViews.toApi(readableById(req)));
    }

    /** K7 {@code DELETE /users/{user}/keys/{keyid}}. */
    public void delete(ServerRequest req, ServerResponse res) {
        Authenticated auth = ApiKeyMiddleware.required(req);
        AuditEntry audit = auditor.begin(req, "api_key", "delete");
        auditor.attempt(audit, () -> {
            ApiKeyRow key = readableById(req);
            audit.resource(key.userId(), key.tokenName());
            if (!keys.can(auth.subject(), Action.DELETE, key)) {
                throw ApiError.notFound();
            }
            jdbi.useTransaction(h -> {
                h.attach(ApiKeyDao.class).deleteApiKey(key.id());
                auditor.write(h, audit.diff(Diffs.apiKey(key, null)).additionalFields(Diffs.apiKeyFields(key)), 204);
            });
        });
        Http.noContent(res);
    }

    /** K8 {@code PUT /users/{user}/keys/{keyid}/expire}: stops the key now, keeps the row; idempotent. */
    public void expire(ServerRequest req, ServerResponse res) {
        Authenticated auth = ApiKeyMiddleware.required(req);
        AuditEntry audit = auditor.begin(req, "api_key", "write");
        auditor.attempt(audit, () -> {
            ApiKeyRow key = readableById(req);
            audit.resource(key.userId(), key.tokenName());
            if (!keys.can(auth.subject(), Action.UPDATE, key)) {
                throw ApiError.notFound();
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            jdbi.useTransaction(h -> {
                ApiKeyDao dao = h.attach(ApiKeyDao.class);
                dao.expireApiKey(key.id(), now);
                ApiKeyRow expired = dao.getApiKeyById(key.id()).orElseThrow(ApiError::notFound);
                auditor.write(h, audit.diff(Diffs.apiKey(key, expired))
                        .additionalFields(Diffs.apiKeyFields(expired)), 204);
            });
        });
        Http.noContent(res);
    }

    /**
     * K9 {@code PATCH /users/{user}/keys/tokens/{keyname}}: narrows or re-sets scopes, allow list
     * and lifetime ({@code expires_at = now + lifetime}); never beyond the calling key (tokend decision).
     */
    public void update(ServerRequest req, ServerResponse res) {
        Authenticated auth = ApiKeyMiddleware.required(req);
        UserRow target = UserParam.required(req);
        AuditEntry audit = auditor.begin(req, "api_key", "write");
        ApiKeyRow updated = auditor.attempt(audit, () -> {
            ApiKeyRow key = readableByName(req);
            audit.resource(key.userId(), key.tokenName());
            if (!keys.can(auth.subject(), Action.UPDATE, key)) {
                throw ApiError.forbidden();
            }
            UpdateBody body = JsonBody.read(req, UpdateBody.class);
            if (body.scope() != null && body.scopes() != null) {
                throw ApiError.badRequest(UPDATE_FAILED, "provide either scope or scopes, not both");
            }
            List<String> scopes = body.scope() == null && body.scopes() == null
                    ? key.scopes() : scopes(body.scope(), body.scopes(), UPDATE_FAILED);
            List<String> allowList = body.allowList() == null ? key.allowList() : allowList(body.allowList(), UPDATE_FAILED);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            Instant expiresAt = key.expiresAt();
            long lifetimeSeconds = key.lifetimeSeconds();
            if (body.lifetime() != null) {
                Duration lifetime = lifetimes.resolve(body.lifetime(), target, UPDATE_FAILED);
                expiresAt = now.plus(lifetime);
                lifetimeSeconds = lifetime.toSeconds();
            }
            requireNoEscalation(auth, scopes, allowList);
            Instant newExpiry = expiresAt;
            long newLifetime = lifetimeSeconds;
            return jdbi.inTransaction(h -> {
                ApiKeyDao dao = h.attach(ApiKeyDao.class);
                dao.updateToken(key.id(), scopes.toArray(String[]::new), allowList.toArray(String[]::new), newExpiry,
                        newLifetime, now);
                ApiKeyRow after = dao.getApiKeyById(key.id()).orElseThrow(ApiError::notFound);
                auditor.write(h, audit.diff(Diffs.apiKeyUpdate(key, after))
                        .additionalFields(Diffs.apiKeyFields(after)), 200);
                return after;
            });
        });
        Http.json(res, 200, ApiKeyViews.toApi(updated));
    }

    private ApiKeyRow readableByName(ServerRequest req) {
        return keys.byName(ApiKeyMiddleware.required(req).subject(), UserParam.required(req).id(),
                req.path().pathParameters().first("keyname").orElse(""));
    }

    private ApiKeyRow readableById(ServerRequest req) {
        return keys.byId(ApiKeyMiddleware.required(req).subject(),
                req.path().pathParameters().first("keyid").orElse(""));
    }

    /** {@code scopes} wins over the deprecated {@code scope}; neither means {@code coder:all}. */
    private static List<String> scopes(String scope, List<String> scopes, String message) {
        List<String> requested = scopes != null && !scopes.isEmpty()
                ? scopes
                : scope != null && !scope.isEmpty() ? List.of(scope) : List.of();
        try {
            return Scopes.normalize(requested);
        } catch (InvalidScopeException e) {
            throw ApiError.badRequest(message, e.getMessage());
        }
    }

    private static List<String> allowList(List<JsonNode> raw, String message) {
        try {
            return AllowList.parse(raw);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(message, e.getMessage());
        }
    }

    /** tokend decision: a key can only hand out what it has itself (scopes and allow list). */
    private static void requireNoEscalation(Authenticated auth, List<String> scopes, List<String> allowList) {
        if (!Scopes.covers(auth.key().scopes(), scopes) || !AllowList.covers(auth.key().allowList(), allowList)) {
            throw ApiError.of(403, ApiError.FORBIDDEN, ESCALATION);
        }
    }
}
