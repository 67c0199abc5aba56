package dev.tokend.server.api.oauth2;

import dev.tokend.server.auth.ApiKeyValidator;
import dev.tokend.server.auth.ParseResult;
import dev.tokend.server.auth.TokenFormat;
import dev.tokend.server.auth.TokenKind;
import dev.tokend.server.auth.ValidationResult;
import dev.tokend.server.db.OAuth2Rows;
import dev.tokend.server.http.Http;
import dev.tokend.server.http.RequestInfo;
import dev.tokend.server.http.middleware.ApiKeyMiddleware;
import dev.tokend.server.oauth2.GrantTypes;
import dev.tokend.server.oauth2.OAuth2Error;
import dev.tokend.server.oauth2.RedirectUris;
import dev.tokend.server.oauth2.ScopeNegotiation;
import dev.tokend.server.store.OAuth2Clients;
import dev.tokend.server.store.OAuth2Grants;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The machine-facing OAuth2 endpoints: token (RFC 6749 §3.2), revocation (RFC 7009),
 * introspection (RFC 7662) and device authorization (RFC 8628 §3.1), plus the user's revocation of
 * an app. Parse, call the store, render; refusals are {@link OAuth2Error}s answered by
 * {@link OAuth2Http#protocol}.
 */
public final class OAuth2Endpoints {
    /** Where users enter a device's user code (RFC 8628 §3.2 {@code verification_uri}). */
    public static final String DEVICE_VERIFICATION_PATH = "/oauth2/device/verify";

    private final OAuth2Clients clients;
    private final OAuth2Grants grants;
    private final ApiKeyValidator validator;
    private final Supplier<URI> accessUrl;

    public OAuth2Endpoints(OAuth2Clients clients, OAuth2Grants grants, ApiKeyValidator validator,
            Supplier<URI> accessUrl) {
        this.clients = Objects.requireNonNull(clients);
        this.grants = Objects.requireNonNull(grants);
        this.validator = Objects.requireNonNull(validator);
        this.accessUrl = Objects.requireNonNull(accessUrl);
    }

    /** {@code POST /oauth2/tokens}. */
    public void token(ServerRequest req, ServerResponse res) {
        Map<String, String> form = OAuth2Http.form(req);
        String grant = OAuth2Http.required(form, "grant_type");
        if (!GrantTypes.ALL.contains(grant)) {
            throw OAuth2Error.UNSUPPORTED_GRANT.exception();
        }
        OAuth2Rows.App app = clients.authenticate(OAuth2Http.client(req, form));
        if (!app.grantTypes().contains(grant)) {
            throw OAuth2Error.UNAUTHORIZED_CLIENT.exception();
        }
        var actor = OAuth2Http.systemActor(req);
        OAuth2Grants.Issued issued = switch (grant) {
            case GrantTypes.AUTHORIZATION_CODE -> grants.exchangeCode(actor, app, OAuth2Http.required(form, "code"),
                    OAuth2Http.required(form, "code_verifier"), form.get("redirect_uri"), form.get("resource"));
            case GrantTypes.REFRESH_TOKEN -> grants.refresh(actor, app, OAuth2Http.required(form, "refresh_token"),
                    form.get("resource"));
            case GrantTypes.CLIENT_CREDENTIALS -> grants.clientCredentials(actor, app,
                    ScopeNegotiation.parse(form.get("scope")));
            case GrantTypes.DEVICE_CODE -> grants.pollDevice(actor, app, OAuth2Http.required(form, "device_code"));
            default -> throw OAuth2Error.UNSUPPORTED_GRANT.exception();
        };
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", issued.accessToken());
        body.put("token_type", "Bearer");
        body.put("expires_in", issued.expiresIn());
        if (issued.refreshToken() != null) {
            body.put("refresh_token", issued.refreshToken());
        }
        body.put("scope", ScopeNegotiation.format(issued.scopes()));
        body.put("expiry", issued.expiry().toString()); // the reference's extra field
        Http.json(res, 200, body);
    }

    /** {@code POST /oauth2/revoke} (RFC 7009 §2.1): 200 for unknown tokens too. */
    public void revoke(ServerRequest req, ServerResponse res) {
        Map<String, String> form = OAuth2Http.form(req);
        OAuth2Rows.App app = clients.authenticate(OAuth2Http.client(req, form));
        grants.revoke(OAuth2Http.systemActor(req), app, OAuth2Http.required(form, "token"));
        res.status(200);
        res.send();
    }

    /**
     * {@code POST /oauth2/introspect} (RFC 7662 §2): a client learns about its own tokens only; any
     * other token, and any API key that is no OAuth2 token, is {@code {"active": false}}. Access
     * tokens are answered by the same validation the middleware uses.
     */
    public void introspect(ServerRequest req, ServerResponse res) {
        Map<String, String> form = OAuth2Http.form(req);
        OAuth2Rows.App app = clients.authenticate(OAuth2Http.client(req, form));
        String token = OAuth2Http.required(form, "token");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("active", false);
        ParseResult parsed = TokenFormat.parse(token);
        if (parsed instanceof ParseResult.Valid valid && valid.kind() == TokenKind.OAUTH2_ACCESS) {
            RequestInfo info = RequestInfo.of(req);
            if (validator.validate(token, info.clientIp(), info.requestId()) instanceof ValidationResult.Authenticated a
                    && grants.accessTokenGrant(a.key().id()).filter(g -> g.appId().equals(app.id())).isPresent()) {
                body.put("active", true);
                body.put("scope", ScopeNegotiation.format(a.key().scopes()));
                body.put("client_id", app.id().toString());
                body.put("username", a.user().username());
                body.put("sub", a.user().id().toString());
                body.put("token_type", "Bearer");
                body.put("exp", a.key().expiresAt().getEpochSecond());
                body.put("iat", a.key().createdAt().getEpochSecond());
                body.put("aud", a.key().audience().isEmpty() ? issuer() : a.key().audience());
                body.put("iss", issuer());
            }
        } else if (parsed instanceof ParseResult.Valid valid && valid.kind() == TokenKind.OAUTH2_REFRESH) {
            grants.liveRefresh(app, token).ifPresent(r -> {
                body.put("active", true);
                body.put("scope", ScopeNegotiation.format(r.scopes()));
                body.put("client_id", app.id().toString());
                body.put("sub", r.userId().toString());
                body.put("token_type", "refresh_token");
                body.put("exp", r.expiresAt().getEpochSecond());
                body.put("iat", r.createdAt().getEpochSecond());
                body.put("iss", issuer());
            });
        }
        Http.json(res, 200, body);
    }

    /** {@code POST /oauth2/device} (RFC 8628 §3.1–3.2). */
    public void deviceAuthorization(ServerRequest req, ServerResponse res) {
        Map<String, String> form = OAuth2Http.form(req);
        OAuth2Rows.App app = clients.authenticate(OAuth2Http.client(req, form));
        String resource = form.getOrDefault("resource", "");
        if (!resource.isEmpty() && !RedirectUris.validResource(resource)) {
            throw OAuth2Error.INVALID_RESOURCE.exception();
        }
        OAuth2Grants.DeviceStart start = grants.startDevice(app, ScopeNegotiation.parse(form.get("scope")), resource);
        String verification = issuer() + DEVICE_VERIFICATION_PATH;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("device_code", start.deviceCode());
        body.put("user_code", start.userCode());
        body.put("verification_uri", verification);
        body.put("verification_uri_complete", verification + "?user_code=" + start.userCode());
        body.put("expires_in", start.expiresIn());
        body.put("interval", start.interval());
        Http.json(res, 200, body);
    }

    /** {@code DELETE /oauth2/tokens?client_id=}: the signed-in user revokes an app (204). */
    public void revokeApp(ServerRequest req, ServerResponse res) {
        String clientId = req.query().first("client_id").orElse("");
        if (clientId.isEmpty()) {
            throw dev.tokend.server.error.ApiError.badRequest("Missing client_id parameter",
                    "Query parameter \"client_id\" is required.");
        }
        grants.revokeApp(ApiKeyMiddleware.actor(req), clientId);
        Http.noContent(res);
    }

    /** {@code GET /api/v2/oauth2-provider/authorized-apps}: the apps the signed-in user has authorized. */
    public void authorizedApps(ServerRequest req, ServerResponse res) {
        List<Map<String, Object>> apps = grants.authorizedApps(ApiKeyMiddleware.actor(req)).stream().map(a -> {
            Map<String, Object> app = new LinkedHashMap<>();
            app.put("id", a.app().id().toString());
            app.put("name", a.app().name());
            app.put("icon", a.app().icon());
            app.put("first_authorized_at", a.firstAuthorizedAt().toString());
            return app;
        }).toList();
        Http.json(res, 200, apps);
    }

    private String issuer() {
        String url = accessUrl.get().toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
