package dev.tokend.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokend.sdk.model.ApiKeyWithOwner;
import dev.tokend.sdk.model.GenerateApiKeyResponse;
import dev.tokend.sdk.model.TokenConfig;
import dev.tokend.server.auth.Actor;
import dev.tokend.server.db.ApiKeyRow;
import dev.tokend.server.db.UserRow;
import dev.tokend.server.error.ApiError;
import dev.tokend.server.http.Http;
import dev.tokend.server.http.JsonBody;
import dev.tokend.server.http.QueryParams;
import dev.tokend.server.http.middleware.ApiKeyMiddleware;
import dev.tokend.server.http.middleware.UserParam;
import dev.tokend.server.rbac.AllowList;
import dev.tokend.server.rbac.InvalidScopeException;
import dev.tokend.server.rbac.Scopes;
import dev.tokend.server.store.AuthorizedKeys;
import dev.tokend.server.store.TokenNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Objects;

/**
 * Named API tokens and single keys under {@code /users/{user}/keys} (reference §2.2 K2–K9, §5).
 * Parses and renders only: authorization, the escalation rule, minting and audit happen in
 * {@link AuthorizedKeys}.
 */
public final class TokensApi {
    /** The wire shape of {@code CreateTokenRequest}; allow-list entries are strings or objects. */
    record CreateBody(Long lifetime, String scope, List<String> scopes, String tokenName, List<JsonNode> allowList) {}

    /** The wire shape of {@code UpdateTokenRequest}; null fields stay unchanged. */
    record UpdateBody(String scope, List<String> scopes, List<JsonNode> allowList, Long lifetime) {}

    private final AuthorizedKeys keys;

    public TokensApi(AuthorizedKeys keys) {
        this.keys = Objects.requireNonNull(keys);
    }

    /** K2 {@code POST /users/{user}/keys/tokens}. */
    public void create(ServerRequest req, ServerResponse res) {
        Actor actor = ApiKeyMiddleware.actor(req);
        UserRow owner = UserParam.required(req);
        CreateBody body = JsonBody.read(req, CreateBody.class);
        var minted = keys.createToken(actor, owner,
                tokenRequest(body.tokenName(), body.lifetime(), body.scope(), body.scopes(), body.allowList()));
        Http.json(res, 201, new GenerateApiKeyResponse(minted.token()));
    }

    /** K3 {@code GET /users/{user}/keys/tokens?include_all=&include_expired=}. */
    public void list(ServerRequest req, ServerResponse res) {
        UserRow owner = UserParam.required(req);
        boolean includeAll = QueryParams.bool(req, "include_all");
        boolean includeExpired = QueryParams.bool(req, "include_expired");
        // include_all: every user's tokens for those who may read them all; silently one's own otherwise.
        List<ApiKeyWithOwner> visible = keys.tokens(ApiKeyMiddleware.actor(req), includeAll ? null : owner.id(),
                        includeExpired).stream()
                .map(r -> ApiKeyViews.toApi(r.key(), r.username()))
                .toList();
        Http.json(res, 200, visible);
    }

    /** K4 {@code GET /users/{user}/keys/tokens/tokenconfig}: the maximum for the target user. */
    public void tokenConfig(ServerRequest req, ServerResponse res) {
        Http.json(res, 200, new TokenConfig(keys.maxLifetime(UserParam.required(req)).toNanos()));
    }

    /** K5 {@code GET /users/{user}/keys/tokens/{keyname}}. */
    public void getByName(ServerRequest req, ServerResponse res) {
        ApiKeyRow key = keys.byName(ApiKeyMiddleware.actor(req), UserParam.required(req).id(), keyName(req));
        Http.json(res, 200, ApiKeyViews.toApi(key));
    }

    /** K6 {@code GET /users/{user}/keys/{keyid}}: any login type; only RBAC on the key decides (§2.2). */
    public void getById(ServerRequest req, ServerResponse res) {
        Http.json(res, 200, ApiKeyViews.toApi(keys.byId(ApiKeyMiddleware.actor(req), keyId(req))));
    }

    /** K7 {@code DELETE /users/{user}/keys/{keyid}}. */
    public void delete(ServerRequest req, ServerResponse res) {
        keys.delete(ApiKeyMiddleware.actor(req), keyId(req));
        Http.noContent(res);
    }

    /** K8 {@code PUT /users/{user}/keys/{keyid}/expire}: stops the key now, keeps the row; idempotent. */
    public void expire(ServerRequest req, ServerResponse res) {
        keys.expire(ApiKeyMiddleware.actor(req), keyId(req));
        Http.noContent(res);
    }

    /**
     * K9 {@code PATCH /users/{user}/keys/tokens/{keyname}}: narrows or re-sets scopes, allow list
     * and lifetime; never beyond the calling key, and never on an expired token (tokend decisions).
     */
    public void update(ServerRequest req, ServerResponse res) {
        Actor actor = ApiKeyMiddleware.actor(req);
        UserRow owner = UserParam.required(req);
        String name = keyName(req);
        keys.byName(actor, owner.id(), name); // 404 before reading the body, as for any unreadable key
        UpdateBody body = JsonBody.read(req, UpdateBody.class);
        ApiKeyRow updated = keys.updateToken(actor, owner, name,
                tokenUpdate(body.scope(), body.scopes(), body.allowList(), body.lifetime()));
        Http.json(res, 200, ApiKeyViews.toApi(updated));
    }

    /**
     * A create request as {@link AuthorizedKeys#createToken} takes it, from the wire fields: the
     * name's syntax, the scopes' catalog and the allow list's form are checked here. Shared by this
     * handler and the web UI's create form, so both refuse exactly the same input.
     */
    public static AuthorizedKeys.TokenRequest tokenRequest(String tokenName, Long lifetimeNanos, String scope,
            List<String> scopes, List<JsonNode> allowList) {
        if (tokenName != null && !tokenName.isEmpty()) {
            TokenNames.problem(tokenName).ifPresent(p -> {
                throw ApiError.badRequest(AuthorizedKeys.CREATE_FAILED, p);
            });
        }
        return new AuthorizedKeys.TokenRequest(tokenName, lifetimeNanos,
                scopes(scope, scopes, AuthorizedKeys.CREATE_FAILED), allowList(allowList, AuthorizedKeys.CREATE_FAILED));
    }

    /** A PATCH as {@link AuthorizedKeys#updateToken} takes it; null fields stay unchanged. Shared with the web UI. */
    public static AuthorizedKeys.TokenUpdate tokenUpdate(String scope, List<String> scopes, List<JsonNode> allowList,
            Long lifetimeNanos) {
        if (scope != null && scopes != null) {
            throw ApiError.badRequest(AuthorizedKeys.UPDATE_FAILED, "provide either scope or scopes, not both");
        }
        List<String> parsedScopes = scope == null && scopes == null
                ? null : scopes(scope, scopes, AuthorizedKeys.UPDATE_FAILED);
        List<String> parsedAllowList = allowList == null ? null : allowList(allowList, AuthorizedKeys.UPDATE_FAILED);
        return new AuthorizedKeys.TokenUpdate(parsedScopes, parsedAllowList, lifetimeNanos);
    }

    private static String keyName(ServerRequest req) {
        return req.path().pathParameters().first("keyname").orElse("");
    }

    private static String keyId(ServerRequest req) {
        return req.path().pathParameters().first("keyid").orElse("");
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
}
