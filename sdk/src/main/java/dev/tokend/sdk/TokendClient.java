package dev.tokend.sdk;

import dev.tokend.sdk.json.ApiKeyJson;
import dev.tokend.sdk.json.AuditJson;
import dev.tokend.sdk.json.AuthorizationJson;
import dev.tokend.sdk.json.CommonJson;
import dev.tokend.sdk.json.Decoder;
import dev.tokend.sdk.json.Encoder;
import dev.tokend.sdk.json.LoginJson;
import dev.tokend.sdk.json.OAuth2Json;
import dev.tokend.sdk.json.UserJson;
import dev.tokend.sdk.json.WireJson;
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
import dev.tokend.sdk.model.OAuth2ProviderApp;
import dev.tokend.sdk.model.OAuth2ProviderAppSecret;
import dev.tokend.sdk.model.OAuth2ProviderAppSecretFull;
import dev.tokend.sdk.model.PostOAuth2ProviderAppRequest;
import dev.tokend.sdk.model.PutOAuth2ProviderAppRequest;
import dev.tokend.sdk.model.Response;
import dev.tokend.sdk.model.ScopeCatalog;
import dev.tokend.sdk.model.TokenConfig;
import dev.tokend.sdk.model.UpdateRoles;
import dev.tokend.sdk.model.UpdateTokenRequest;
import dev.tokend.sdk.model.UpdateUserPasswordRequest;
import dev.tokend.sdk.model.User;
import dev.tokend.sdk.model.ValidatePasswordRequest;
import dev.tokend.sdk.model.ValidatePasswordResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Java client for the tokend API ({@code /api/v2}), one method per endpoint.
 *
 * <p>Instances are immutable and thread-safe; {@link #withSessionToken(String)} returns a copy
 * that authenticates with another token and shares the underlying {@link HttpClient}.
 *
 * <pre>{@code
 * TokendClient anonymous = TokendClient.builder(URI.create("http://127.0.0.1:3000")).build();
 * String token = anonymous.login(new LoginWithPasswordRequest("me@example.com", "...")).sessionToken();
 * User me = anonymous.withSessionToken(token).me();
 * }</pre>
 *
 * <p>Every non-2xx answer becomes an {@link ApiException} carrying the status and the server's
 * {@code message}, {@code detail} and {@code validations}. Transport failures, and answers that are
 * not the API's JSON, become {@link UncheckedIOException}.
 *
 * <p>Requests and answers go through the streaming codecs of {@link dev.tokend.sdk.json}, never
 * through databind: a short-lived process such as the CLI would otherwise spend a quarter of its run
 * building an {@code ObjectMapper} and introspecting each record type it reads.
 */
public final class TokendClient {
    /** Header carrying the session token (the reference's name). */
    public static final String SESSION_TOKEN_HEADER = "Coder-Session-Token";

    private final URI baseUrl;
    private final Transport http;
    private final Duration requestTimeout;
    private final String sessionToken;

    private TokendClient(URI baseUrl, Transport http, Duration requestTimeout, String sessionToken) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.http = Objects.requireNonNull(http, "http");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.sessionToken = sessionToken;
    }

    /** Starts a client for the server at {@code baseUrl} (e.g. {@code http://127.0.0.1:3000}). */
    public static Builder builder(URI baseUrl) {
        return new Builder(baseUrl);
    }

    /** A copy of this client that sends {@code token} (or no token when null). */
    public TokendClient withSessionToken(String token) {
        return new TokendClient(baseUrl, http, requestTimeout, token);
    }

    /** The server's base URL. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** The session token this client sends, if any. */
    public Optional<String> sessionToken() {
        return Optional.ofNullable(sessionToken);
    }

    // ---- meta ----

    /** {@code GET /api/v2/buildinfo}. */
    public BuildInfo buildInfo() {
        return send("GET", "/api/v2/buildinfo", null, CommonJson::readBuildInfo);
    }

    // ---- first user, auth methods, login, logout ----

    /** {@code GET /api/v2/users/first}: whether the first user exists (200) or not (404). */
    public boolean hasFirstUser() {
        try {
            send("GET", "/api/v2/users/first", null, CommonJson::readResponse);
            return true;
        } catch (ApiException e) {
            if (e.status() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** {@code POST /api/v2/users/first}. */
    public CreateFirstUserResponse createFirstUser(CreateFirstUserRequest request) {
        return send("POST", "/api/v2/users/first", body(request, LoginJson::write),
                LoginJson::readCreateFirstUserResponse);
    }

    /** {@code GET /api/v2/users/authmethods}. */
    public AuthMethods authMethods() {
        return send("GET", "/api/v2/users/authmethods", null, LoginJson::readAuthMethods);
    }

    /** {@code POST /api/v2/users/login}: returns a new session token. */
    public LoginWithPasswordResponse login(LoginWithPasswordRequest request) {
        return send("POST", "/api/v2/users/login", body(request, LoginJson::write),
                LoginJson::readLoginWithPasswordResponse);
    }

    /** {@code POST /api/v2/users/logout}: deletes the key this client authenticates with. */
    public Response logout() {
        return send("POST", "/api/v2/users/logout", null, CommonJson::readResponse);
    }

    // ---- users ----

    /** {@code GET /api/v2/users/me}. */
    public User me() {
        return user("me");
    }

    /** {@code GET /api/v2/users/{user}} where {@code user} is {@code me}, a UUID or a username. */
    public User user(String user) {
        return send("GET", "/api/v2/users/" + segment(user), null, UserJson::readUser);
    }

    /** {@code GET /api/v2/users?q=&limit=&offset=}; pass null or 0 to omit a parameter. */
    public GetUsersResponse users(String q, int limit, int offset) {
        return send("GET", "/api/v2/users" + searchQuery(q, limit, offset), null, UserJson::readGetUsersResponse);
    }

    /** {@code GET /api/v2/users} without filters. */
    public GetUsersResponse users() {
        return users(null, 0, 0);
    }

    /** {@code POST /api/v2/users}. */
    public User createUser(CreateUserRequest request) {
        return send("POST", "/api/v2/users", body(request, UserJson::write), UserJson::readUser);
    }

    /** {@code PUT /api/v2/users/{user}/password}: also signs the user out everywhere. */
    public void updatePassword(String user, UpdateUserPasswordRequest request) {
        send("PUT", "/api/v2/users/" + segment(user) + "/password", body(request, UserJson::write), null);
    }

    /** {@code POST /api/v2/users/validate-password}: whether a password meets the server's policy. */
    public ValidatePasswordResponse validatePassword(String password) {
        return send("POST", "/api/v2/users/validate-password",
                body(new ValidatePasswordRequest(password), UserJson::write),
                UserJson::readValidatePasswordResponse);
    }

    /** {@code PUT /api/v2/users/{user}/status/suspend}. */
    public User suspendUser(String user) {
        return send("PUT", "/api/v2/users/" + segment(user) + "/status/suspend", null, UserJson::readUser);
    }

    /** {@code PUT /api/v2/users/{user}/status/activate}. */
    public User activateUser(String user) {
        return send("PUT", "/api/v2/users/" + segment(user) + "/status/activate", null, UserJson::readUser);
    }

    /** {@code DELETE /api/v2/users/{user}}. */
    public Response deleteUser(String user) {
        return send("DELETE", "/api/v2/users/" + segment(user), null, CommonJson::readResponse);
    }

    /** {@code PUT /api/v2/users/{user}/roles}: sets the user's site roles. */
    public User updateRoles(String user, List<String> roles) {
        return send("PUT", "/api/v2/users/" + segment(user) + "/roles", body(new UpdateRoles(roles), UserJson::write),
                UserJson::readUser);
    }

    /** {@code POST /api/v2/users/{user}/keys}: a session-style key (as {@code tokend login --token} uses). */
    public GenerateApiKeyResponse createApiKey(String user) {
        return send("POST", "/api/v2/users/" + segment(user) + "/keys", null, ApiKeyJson::readGenerateApiKeyResponse);
    }

    // ---- API keys and named tokens ----

    /** {@code POST /api/v2/users/{user}/keys/tokens}: a named token; the answer is the only time its secret is shown. */
    public GenerateApiKeyResponse createToken(String user, CreateTokenRequest request) {
        return send("POST", "/api/v2/users/" + segment(user) + "/keys/tokens", body(request, ApiKeyJson::write),
                ApiKeyJson::readGenerateApiKeyResponse);
    }

    /** {@code GET /api/v2/users/{user}/keys/tokens?include_all=&include_expired=}. */
    public List<ApiKeyWithOwner> tokens(String user, boolean includeAll, boolean includeExpired) {
        List<ApiKeyWithOwner> tokens = send("GET", "/api/v2/users/" + segment(user) + "/keys/tokens?include_all="
                + includeAll + "&include_expired=" + includeExpired, null,
                Decoder.listOf(ApiKeyJson::readApiKeyWithOwner));
        return tokens == null ? List.of() : tokens;
    }

    /** {@code GET /api/v2/users/{user}/keys/tokens/{name}}. */
    public ApiKey token(String user, String name) {
        return send("GET", "/api/v2/users/" + segment(user) + "/keys/tokens/" + segment(name), null,
                ApiKeyJson::readApiKey);
    }

    /** {@code PATCH /api/v2/users/{user}/keys/tokens/{name}}: narrows or re-sets scopes, allow list and lifetime. */
    public ApiKey updateToken(String user, String name, UpdateTokenRequest request) {
        return send("PATCH", "/api/v2/users/" + segment(user) + "/keys/tokens/" + segment(name),
                body(request, ApiKeyJson::write),
                ApiKeyJson::readApiKey);
    }

    /** {@code GET /api/v2/users/{user}/keys/tokens/tokenconfig}. */
    public TokenConfig tokenConfig(String user) {
        return send("GET", "/api/v2/users/" + segment(user) + "/keys/tokens/tokenconfig", null,
                ApiKeyJson::readTokenConfig);
    }

    /** {@code GET /api/v2/users/{user}/keys/{id}}: any key, by its public id. */
    public ApiKey apiKey(String user, String keyId) {
        return send("GET", "/api/v2/users/" + segment(user) + "/keys/" + segment(keyId), null, ApiKeyJson::readApiKey);
    }

    /** {@code DELETE /api/v2/users/{user}/keys/{id}}: the key stops working and disappears from every list. */
    public void deleteApiKey(String user, String keyId) {
        send("DELETE", "/api/v2/users/" + segment(user) + "/keys/" + segment(keyId), null, null);
    }

    /** {@code PUT /api/v2/users/{user}/keys/{id}/expire}: the key stops working but stays listed until purged. */
    public void expireApiKey(String user, String keyId) {
        send("PUT", "/api/v2/users/" + segment(user) + "/keys/" + segment(keyId) + "/expire", null, null);
    }

    // ---- authorization ----

    /** {@code GET /api/v2/auth/scopes}: every scope name a token may request, sorted. */
    public List<String> scopes() {
        ScopeCatalog answer = send("GET", "/api/v2/auth/scopes", null, AuthorizationJson::readScopeCatalog);
        return answer.external() == null ? List.of() : answer.external();
    }

    /**
     * {@code POST /api/v2/authcheck}: what the token of this client may do; one boolean per named check.
     * Services behind tokend call it with the token of the request they are serving.
     */
    public Map<String, Boolean> authCheck(AuthorizationRequest request) {
        return send("POST", "/api/v2/authcheck", body(request, AuthorizationJson::write),
                AuthorizationJson::readAnswer);
    }

    // ---- OAuth2 apps (admin API, owners) ----

    /** {@code GET /api/v2/oauth2-provider/apps}. */
    public List<OAuth2ProviderApp> oauth2Apps() {
        return send("GET", "/api/v2/oauth2-provider/apps", null, Decoder.listOf(OAuth2Json::readApp));
    }

    /** {@code POST /api/v2/oauth2-provider/apps}. */
    public OAuth2ProviderApp createOAuth2App(PostOAuth2ProviderAppRequest request) {
        return send("POST", "/api/v2/oauth2-provider/apps", body(request, OAuth2Json::write), OAuth2Json::readApp);
    }

    /** {@code GET /api/v2/oauth2-provider/apps/{app}}. */
    public OAuth2ProviderApp oauth2App(UUID id) {
        return send("GET", "/api/v2/oauth2-provider/apps/" + id, null, OAuth2Json::readApp);
    }

    /** {@code PUT /api/v2/oauth2-provider/apps/{app}}. */
    public OAuth2ProviderApp updateOAuth2App(UUID id, PutOAuth2ProviderAppRequest request) {
        return send("PUT", "/api/v2/oauth2-provider/apps/" + id, body(request, OAuth2Json::write), OAuth2Json::readApp);
    }

    /** {@code DELETE /api/v2/oauth2-provider/apps/{app}}: the app, its secrets and every token it holds. */
    public void deleteOAuth2App(UUID id) {
        send("DELETE", "/api/v2/oauth2-provider/apps/" + id, null, null);
    }

    /** {@code GET /api/v2/oauth2-provider/apps/{app}/secrets}: truncated, never the secrets themselves. */
    public List<OAuth2ProviderAppSecret> oauth2AppSecrets(UUID id) {
        return send("GET", "/api/v2/oauth2-provider/apps/" + id + "/secrets", null,
                Decoder.listOf(OAuth2Json::readSecret));
    }

    /** {@code POST /api/v2/oauth2-provider/apps/{app}/secrets}: the only time the secret is shown. */
    public OAuth2ProviderAppSecretFull createOAuth2AppSecret(UUID id) {
        return send("POST", "/api/v2/oauth2-provider/apps/" + id + "/secrets", null,
                OAuth2Json::readSecretFull);
    }

    /** {@code DELETE /api/v2/oauth2-provider/apps/{app}/secrets/{secretID}}. */
    public void deleteOAuth2AppSecret(UUID id, String secretId) {
        send("DELETE", "/api/v2/oauth2-provider/apps/" + id + "/secrets/" + segment(secretId), null, null);
    }

    /** {@code DELETE /oauth2/tokens?client_id=}: revoke every token this user gave the app. */
    public void revokeOAuth2App(UUID id) {
        send("DELETE", "/oauth2/tokens?client_id=" + id, null, null);
    }

    // ---- audit ----

    /** {@code GET /api/v2/audit?q=&limit=&offset=}; pass null or 0 to omit a parameter. */
    public AuditLogResponse auditLogs(String q, int limit, int offset) {
        return send("GET", "/api/v2/audit" + searchQuery(q, limit, offset), null, AuditJson::readAuditLogResponse);
    }

    // ---- transport ----

    /** {@code ?q=&limit=&offset=} with the empty ones left out. */
    private static String searchQuery(String q, int limit, int offset) {
        StringBuilder query = new StringBuilder();
        if (q != null && !q.isEmpty()) {
            query.append("&q=").append(URLEncoder.encode(q, StandardCharsets.UTF_8));
        }
        if (limit > 0) {
            query.append("&limit=").append(limit);
        }
        if (offset > 0) {
            query.append("&offset=").append(offset);
        }
        return query.isEmpty() ? "" : "?" + query.substring(1);
    }

    private static String segment(String value) {
        return URLEncoder.encode(Objects.requireNonNull(value, "user"), StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code value} as a request body, or no body for null. */
    private static <T> byte[] body(T value, Encoder<? super T> encoder) {
        if (value == null) {
            return null;
        }
        try {
            return WireJson.encode(value, encoder);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode request body", e);
        }
    }

    /**
     * One request; the answer through {@code decoder}, or null when {@code decoder} is null (the
     * answer is not read) or the answer is empty.
     */
    private <T> T send(String method, String path, byte[] body, Decoder<T> decoder) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        if (sessionToken != null) {
            headers.put(SESSION_TOKEN_HEADER, sessionToken);
        }
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        Transport.Reply response;
        try {
            response = http.exchange(
                    new Transport.Request(method, baseUrl.resolve(path), headers, body, requestTimeout));
        } catch (IOException e) {
            throw new UncheckedIOException("request to " + baseUrl + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
        int status = response.status();
        byte[] bytes = response.body();
        if (status < 200 || status >= 300) {
            throw new ApiException(status, decodeError(bytes));
        }
        if (decoder == null || bytes.length == 0) {
            return null;
        }
        try {
            return WireJson.decode(bytes, decoder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode response of " + method + " " + path, e);
        }
    }

    private static Response decodeError(byte[] bytes) {
        try {
            Response decoded = WireJson.decode(bytes, CommonJson::readResponse);
            if (decoded != null && decoded.message() != null) {
                return decoded;
            }
        } catch (IOException ignored) {
            // Not JSON (e.g. the CSRF middleware's plain-text answers): fall through and keep the text.
        }
        return Response.message(new String(bytes, StandardCharsets.UTF_8).strip());
    }

    /** Builder for {@link TokendClient}. */
    public static final class Builder {
        private final URI baseUrl;
        private Transport http;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private String sessionToken;

        private Builder(URI baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        }

        /** Token sent in the {@code Coder-Session-Token} header. */
        public Builder sessionToken(String token) {
            this.sessionToken = token;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** Use this {@link HttpClient} instead of a new one (connect timeout is then the client's). */
        public Builder httpClient(HttpClient client) {
            this.http = Transport.jdk(Objects.requireNonNull(client));
            return this;
        }

        /** Send requests through {@code transport} (see {@link Transport#urlConnection}). */
        public Builder transport(Transport transport) {
            this.http = Objects.requireNonNull(transport);
            return this;
        }

        public TokendClient build() {
            Transport transport = http != null
                    ? http
                    : Transport.jdk(HttpClient.newBuilder()
                            .connectTimeout(connectTimeout)
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .build());
            return new TokendClient(baseUrl, transport, requestTimeout, sessionToken);
        }
    }
}
