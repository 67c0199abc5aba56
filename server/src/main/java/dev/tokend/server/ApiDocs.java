package dev.tokend.server;

import static dev.tokend.server.openapi.RouteDoc.of;

import dev.tokend.sdk.model.ApiKey;
import dev.tokend.sdk.model.ApiKeyWithOwner;
import dev.tokend.sdk.model.AuditLogResponse;
import dev.tokend.sdk.model.AuthMethods;
import dev.tokend.sdk.model.AuthorizationRequest;
import dev.tokend.sdk.model.BuildInfo;
import dev.tokend.sdk.model.CreateFirstUserRequest;
import dev.tokend.sdk.model.CreateFirstUserResponse;
import dev.tokend.sdk.model.CreateTokenRequest;
import dev.tokend.sdk.model.CreateUserRequest;
import dev.tokend.sdk.model.GenerateApiKeyResponse;
import dev.tokend.sdk.model.GetUsersResponse;
import dev.tokend.sdk.model.LoginWithPasswordRequest;
import dev.tokend.sdk.model.OAuth2ErrorResponse;
import dev.tokend.sdk.model.OAuth2ProviderApp;
import dev.tokend.sdk.model.OAuth2ProviderAppSecret;
import dev.tokend.sdk.model.OAuth2ProviderAppSecretFull;
import dev.tokend.sdk.model.PostOAuth2ProviderAppRequest;
import dev.tokend.sdk.model.PutOAuth2ProviderAppRequest;
import dev.tokend.sdk.model.LoginWithPasswordResponse;
import dev.tokend.sdk.model.Response;
import dev.tokend.sdk.model.ScopeCatalog;
import dev.tokend.sdk.model.TokenConfig;
import dev.tokend.sdk.model.UpdateRoles;
import dev.tokend.sdk.model.UpdateTokenRequest;
import dev.tokend.sdk.model.UpdateUserPasswordRequest;
import dev.tokend.sdk.model.User;
import dev.tokend.sdk.model.ValidatePasswordRequest;
import dev.tokend.sdk.model.ValidatePasswordResponse;
import dev.tokend.server.openapi.RouteDoc;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The OpenAPI description of every {@code /api/v2}, {@code /oauth2} and {@code /.well-known} route
 * in {@link Routes}, one entry per route, keyed by {@code "METHOD pattern"} exactly as declared
 * there. {@code OpenApiDocumentTest} fails for a route without an entry and for an entry without
 * a route. Types are the SDK's records; schemas are derived from them (docs/openapi.md).
 */
public final class ApiDocs {
    private ApiDocs() {}

    private static final String USERS = "users";
    private static final String AUTH = "authentication";
    private static final String KEYS = "api keys";
    private static final String META = "meta";
    private static final String OAUTH2 = "oauth2";

    private static final Map<String, RouteDoc> DOCS = new LinkedHashMap<>();

    private static void doc(String route, RouteDoc doc) {
        if (DOCS.put(route, doc) != null) {
            throw new IllegalStateException("documented twice: " + route);
        }
    }

    static {
        doc("GET /api/v2/buildinfo", of("Version, access URL and deployment id", META).returns(200, BuildInfo.class));
        doc("GET /api/v2/openapi.json", of("This OpenAPI document", META)
                .returns(200, Object.class));
        doc("GET /api/v2/auth/scopes", of("Every scope a token may request", AUTH).returns(200, ScopeCatalog.class));
        doc("POST /api/v2/authcheck", of("What the calling token may do, one boolean per named check", AUTH)
                .authenticated().body(AuthorizationRequest.class).returnsMapOf(200, Boolean.class));

        doc("GET /api/v2/users/first", of("Whether the first user exists (404 if not)", USERS)
                .returns(200, Response.class));
        doc("POST /api/v2/users/first", of("Create the first user (owner)", USERS)
                .body(CreateFirstUserRequest.class).returns(201, CreateFirstUserResponse.class));
        doc("GET /api/v2/users/authmethods", of("The enabled sign-in methods", AUTH).returns(200, AuthMethods.class));
        doc("POST /api/v2/users/login", of("Sign in with email and password; sets the session cookie", AUTH)
                .body(LoginWithPasswordRequest.class).returns(201, LoginWithPasswordResponse.class));
        doc("POST /api/v2/users/logout", of("Delete the key used for this request", AUTH).authenticated()
                .returns(200, Response.class));
        doc("POST /api/v2/users/validate-password", of("Whether a password meets the policy (no API key needed before the first user exists)", AUTH).authenticated()
                .body(ValidatePasswordRequest.class).returns(200, ValidatePasswordResponse.class));

        doc("GET /api/v2/users", of("Users the caller may read", USERS).authenticated()
                .query("q", String.class, "free text and `status:<active|dormant|suspended>`")
                .query("limit", long.class, "page size").query("offset", long.class, "entries to skip")
                .returns(200, GetUsersResponse.class));
        doc("POST /api/v2/users", of("Create a user", USERS).authenticated().body(CreateUserRequest.class)
                .returns(201, User.class));
        doc("GET /api/v2/users/{user}", of("One user", USERS).authenticated().returns(200, User.class));
        doc("DELETE /api/v2/users/{user}", of("Delete a user and their keys", USERS).authenticated()
                .returns(200, Response.class));
        doc("PUT /api/v2/users/{user}/password", of("Change a password; deletes every key of the user", USERS)
                .authenticated().body(UpdateUserPasswordRequest.class).returnsNothing(204, "Changed"));
        doc("PUT /api/v2/users/{user}/status/suspend", of("Suspend a user", USERS).authenticated()
                .returns(200, User.class));
        doc("PUT /api/v2/users/{user}/status/activate", of("Reactivate a user", USERS).authenticated()
                .returns(200, User.class));
        doc("PUT /api/v2/users/{user}/roles", of("Set a user's site roles", USERS).authenticated()
                .body(UpdateRoles.class).returns(200, User.class));
        doc("GET /api/v2/audit", of("The audit log (owners and auditors)", "audit").authenticated()
                .query("q", String.class, "the audit query language (docs/tokens.md)")
                .query("limit", long.class, "page size").query("offset", long.class, "entries to skip")
                .returns(200, AuditLogResponse.class));

        doc("POST /api/v2/users/{user}/keys", of("A CLI session key (default lifetime, never slides)", KEYS)
                .authenticated().returns(201, GenerateApiKeyResponse.class));
        doc("POST /api/v2/users/{user}/keys/tokens", of("Create a named API token", KEYS).authenticated()
                .description("`lifetime` is in nanoseconds; `allow_list` entries may also be `\"<type>:<id>\"` strings.")
                .body(CreateTokenRequest.class).returns(201, GenerateApiKeyResponse.class));
        doc("GET /api/v2/users/{user}/keys/tokens", of("List named tokens", KEYS).authenticated()
                .query("include_all", boolean.class, "every user's tokens, for those who may read them")
                .query("include_expired", boolean.class, "include expired tokens")
                .returnsListOf(200, ApiKeyWithOwner.class));
        doc("GET /api/v2/users/{user}/keys/tokens/tokenconfig", of("The user's maximum token lifetime", KEYS)
                .authenticated().returns(200, TokenConfig.class));
        doc("GET /api/v2/users/{user}/keys/tokens/{keyname}", of("A named token", KEYS).authenticated()
                .returns(200, ApiKey.class));
        doc("PATCH /api/v2/users/{user}/keys/tokens/{keyname}", of("Narrow or re-set scopes, allow list, lifetime",
                KEYS).authenticated().body(UpdateTokenRequest.class).returns(200, ApiKey.class));
        doc("GET /api/v2/users/{user}/keys/{keyid}", of("Any key by id", KEYS).authenticated()
                .returns(200, ApiKey.class));
        doc("DELETE /api/v2/users/{user}/keys/{keyid}", of("Delete a key", KEYS).authenticated()
                .returnsNothing(204, "Deleted"));
        doc("PUT /api/v2/users/{user}/keys/{keyid}/expire", of("Expire a key now (it stays listed until purged)",
                KEYS).authenticated().returnsNothing(204, "Expired"));

        // OAuth2 provider (issue 11, docs/oauth2.md): the admin API, then the protocol endpoints.
        doc("GET /api/v2/oauth2-provider/apps", of("OAuth2 apps (owners)", OAUTH2).authenticated()
                .returnsListOf(200, OAuth2ProviderApp.class));
        doc("POST /api/v2/oauth2-provider/apps", of("Register an OAuth2 app (owners)", OAUTH2).authenticated()
                .body(PostOAuth2ProviderAppRequest.class).returns(201, OAuth2ProviderApp.class));
        doc("GET /api/v2/oauth2-provider/apps/{app}", of("One OAuth2 app", OAUTH2).authenticated()
                .returns(200, OAuth2ProviderApp.class));
        doc("PUT /api/v2/oauth2-provider/apps/{app}", of("Update an OAuth2 app", OAUTH2).authenticated()
                .body(PutOAuth2ProviderAppRequest.class).returns(200, OAuth2ProviderApp.class));
        doc("DELETE /api/v2/oauth2-provider/apps/{app}", of("Delete an OAuth2 app and its tokens", OAUTH2)
                .authenticated().returnsNothing(204, "deleted"));
        doc("GET /api/v2/oauth2-provider/apps/{app}/secrets", of("An app's secrets (truncated)", OAUTH2)
                .authenticated().returnsListOf(200, OAuth2ProviderAppSecret.class));
        doc("POST /api/v2/oauth2-provider/apps/{app}/secrets", of("Create a client secret (shown once)", OAUTH2)
                .authenticated().returns(201, OAuth2ProviderAppSecretFull.class));
        doc("DELETE /api/v2/oauth2-provider/apps/{app}/secrets/{secretID}", of("Delete a client secret", OAUTH2)
                .authenticated().returnsNothing(204, "deleted"));
        doc("GET /api/v2/oauth2-provider/authorized-apps", of("The apps the caller has authorized", OAUTH2)
                .authenticated().returnsListOf(200, OAuth2ProviderApp.class));
        doc("DELETE /oauth2/tokens", of("Revoke every token of an app the caller authorized", OAUTH2).authenticated()
                .query("client_id", java.util.UUID.class, "the app").returnsNothing(204, "revoked"));
        doc("GET /oauth2/authorize", of("Consent page (authorization code with PKCE S256)", OAUTH2)
                .returnsHtml(200, "the consent page; a session is required (else a redirect to /login)"));
        doc("POST /oauth2/authorize", of("Approve or deny on the consent page (CSRF-checked form)", OAUTH2)
                .returnsHtml(302, "a redirect to the client's exact redirect URI with code and state, or an error"));
        doc("POST /oauth2/tokens", of("Token endpoint: authorization_code, refresh_token, client_credentials, "
                + "device_code (form-encoded, RFC 6749)", OAUTH2).returns(200, Object.class).errors(OAuth2ErrorResponse.class));
        doc("POST /oauth2/revoke", of("Revoke a token (RFC 7009); unknown tokens are 200", OAUTH2)
                .returnsNothing(200, "revoked").errors(OAuth2ErrorResponse.class));
        doc("POST /oauth2/introspect", of("Introspect a token (RFC 7662), client-authenticated", OAUTH2)
                .returns(200, Object.class).errors(OAuth2ErrorResponse.class));
        doc("POST /oauth2/device", of("Device authorization (RFC 8628)", OAUTH2).returns(200, Object.class)
                .errors(OAuth2ErrorResponse.class));
        doc("GET /oauth2/device/verify", of("The device user-code page", OAUTH2).returnsHtml(200, "the page"));
        doc("POST /oauth2/device/verify", of("Approve or deny a device code (CSRF-checked form)", OAUTH2)
                .returnsHtml(200, "the result page"));
        doc("POST /oauth2/register", of("Dynamic client registration (RFC 7591)", OAUTH2).returns(201, Object.class)
                .errors(OAuth2ErrorResponse.class));
        doc("GET /oauth2/clients/{client_id}", of("Read a registered client (RFC 7592, registration token)", OAUTH2)
                .returns(200, Object.class).errors(OAuth2ErrorResponse.class));
        doc("PUT /oauth2/clients/{client_id}", of("Update a registered client (RFC 7592)", OAUTH2)
                .returns(200, Object.class).errors(OAuth2ErrorResponse.class));
        doc("DELETE /oauth2/clients/{client_id}", of("Delete a registered client (RFC 7592)", OAUTH2)
                .returnsNothing(204, "deleted").errors(OAuth2ErrorResponse.class));
        doc("GET /.well-known/oauth-authorization-server", of("Authorization server metadata (RFC 8414)", OAUTH2)
                .returns(200, Object.class));
        doc("GET /.well-known/oauth-protected-resource", of("Protected resource metadata (RFC 9728)", OAUTH2)
                .returns(200, Object.class));

        // Sign-in with OpenID Connect and GitHub (issue 12, docs/sso.md).
        doc("GET /api/v2/users/oidc/callback", of("Start and finish an OpenID Connect sign-in", AUTH)
                .returnsHtml(307, "a redirect to the IdP, or back to the site with the session cookie set"));
        doc("GET /api/v2/users/oauth2/github/callback", of("Start and finish a GitHub sign-in", AUTH)
                .returnsHtml(307, "a redirect to GitHub, or back to the site with the session cookie set"));
        doc("GET /api/v2/users/oauth2/github/device", of("GitHub device flow: a device code", AUTH)
                .returns(200, Object.class));
        doc("GET /api/v2/users/{user}/login-type", of("The caller's login type", USERS).authenticated()
                .returns(200, Object.class));
        doc("POST /api/v2/users/{user}/convert-login", of("Convert a password user to OIDC or GitHub", USERS)
                .authenticated().returns(201, Object.class));
    }

    /** Every route's description, by {@code "METHOD pattern"}. */
    public static Map<String, RouteDoc> all() {
        return java.util.Collections.unmodifiableMap(DOCS);
    }
}
