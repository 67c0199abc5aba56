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
        doc("POST /api/v2/users/validate-password", of("Whether a password meets the policy", AUTH).authenticated()
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
    }

    /** Every route's description, by {@code "METHOD pattern"}. */
    public static Map<String, RouteDoc> all() {
        return java.util.Collections.unmodifiableMap(DOCS);
    }
}
