package dev.tokend.server.idp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokend.sdk.TokendJson;
import dev.tokend.server.IdpOptions;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * GitHub as an OAuth 2.0 provider (reference §C.2): the web flow, the device flow (RFC 8628), the
 * refresh grant for expiring user tokens, and the REST calls the sign-in needs. With
 * {@code --oauth2-github-enterprise-base-url} every endpoint moves to that host: OAuth under
 * {@code <base>/login/…} and the REST API under {@code <base>/api/v3}; tokend also serves the device
 * flow there ({@code <base>/login/device/code}), where the reference has no device URL.
 */
public final class GithubClient implements TokenRefresher {
    /** The scopes of §C.2. */
    public static final List<String> SCOPES = List.of("read:user", "read:org", "user:email");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final IdpOptions.Github options;
    private final URI base;
    private final URI api;
    private final HttpClient http;
    private final InstantSource clock;

    public GithubClient(IdpOptions.Github options, InstantSource clock) {
        this.options = Objects.requireNonNull(options);
        this.clock = Objects.requireNonNull(clock);
        URI enterprise = options.enterpriseBaseUrl();
        this.base = enterprise != null ? strip(enterprise) : URI.create("https://github.com");
        this.api = enterprise != null ? URI.create(base + "/api/v3") : URI.create("https://api.github.com");
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public IdpOptions.Github options() {
        return options;
    }

    /** Whether this is github.com (§C.3 step 7 records the github.com user id). */
    public boolean isGithubCom() {
        return "github.com".equalsIgnoreCase(base.getHost());
    }

    public URI authorizationUrl(URI redirectUri, String state) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("client_id", options.clientId());
        q.put("redirect_uri", redirectUri.toString());
        q.put("response_type", "code");
        q.put("scope", String.join(" ", SCOPES));
        q.put("state", state);
        q.put("access_type", "offline");
        return URI.create(base + "/login/oauth/authorize?" + form(q));
    }

    /** The web flow's code exchange. */
    public IdpTokens exchange(String code, URI redirectUri) throws IOException, OAuthError {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("client_id", options.clientId());
        f.put("client_secret", options.clientSecret());
        f.put("code", code);
        f.put("redirect_uri", redirectUri.toString());
        f.put("grant_type", "authorization_code");
        return tokens(post(URI.create(base + "/login/oauth/access_token"), form(f)), "");
    }

    /** The device flow's poll (RFC 8628 §3.4): {@code authorization_pending} and friends come back as {@link OAuthError}. */
    public IdpTokens exchangeDeviceCode(String deviceCode) throws IOException, OAuthError {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("client_id", options.clientId());
        q.put("device_code", deviceCode);
        q.put("grant_type", "urn:ietf:params:oauth:grant-type:device_code");
        return tokens(post(URI.create(base + "/login/oauth/access_token?" + form(q)), ""), "");
    }

    @Override
    public IdpTokens refresh(String refreshToken) throws RefreshFailedException {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("client_id", options.clientId());
        f.put("client_secret", options.clientSecret());
        f.put("grant_type", "refresh_token");
        f.put("refresh_token", refreshToken);
        try {
            return tokens(post(URI.create(base + "/login/oauth/access_token"), form(f)), refreshToken);
        } catch (IOException | OAuthError e) {
            throw new RefreshFailedException(e.getMessage(), e);
        }
    }

    /** RFC 8628 §3.2 device authorization response. */
    public record DeviceCode(String deviceCode, String userCode, String verificationUri, long expiresIn, long interval) {}

    public DeviceCode deviceCode() throws IOException {
        String scopes = SCOPES.stream().map(s -> "scope=" + URLEncoder.encode(s, StandardCharsets.UTF_8))
                .reduce((a, b) -> a + "&" + b).orElse("");
        URI uri = URI.create(base + "/login/device/code?client_id="
                + URLEncoder.encode(options.clientId(), StandardCharsets.UTF_8) + "&" + scopes);
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody())
                .header("Accept", "application/json"));
        if (r.statusCode() == 429) {
            throw new IOException("rate limit hit, unable to authorize device. retry after "
                    + r.headers().firstValue("Retry-After").orElse("unknown") + "s");
        }
        JsonNode j = json(r);
        if (r.statusCode() / 100 != 2 || j.hasNonNull("error")) {
            throw new IOException(j.path("error").asText("status " + r.statusCode()));
        }
        return new DeviceCode(j.path("device_code").asText(), j.path("user_code").asText(),
                j.path("verification_uri").asText(), j.path("expires_in").asLong(), j.path("interval").asLong());
    }

    /** A membership of the user in an organization. */
    public record OrgMembership(String org, String state) {}

    public List<OrgMembership> organizationMemberships(String token) throws IOException {
        JsonNode j = apiGet(token, "/user/memberships/orgs?state=active&per_page=100");
        List<OrgMembership> out = new ArrayList<>();
        for (JsonNode m : j) {
            out.add(new OrgMembership(m.path("organization").path("login").asText(), m.path("state").asText()));
        }
        return out;
    }

    /** {@code GET /user}. */
    public record User(long id, String login, String name, String avatarUrl, String email, String type) {}

    public User user(String token) throws IOException {
        JsonNode j = apiGet(token, "/user");
        return new User(j.path("id").asLong(0), j.path("login").asText(""), j.path("name").asText(""),
                j.path("avatar_url").asText(""), j.path("email").asText(""), j.path("type").asText(""));
    }

    /** Whether {@code GET /orgs/{org}/teams/{team}/memberships/{login}} answers without error. */
    public boolean teamMember(String token, String org, String team, String login) throws IOException {
        HttpResponse<String> r = send(apiRequest(token, "/orgs/" + enc(org) + "/teams/" + enc(team) + "/memberships/"
                + enc(login)).GET());
        return r.statusCode() / 100 == 2;
    }

    /** {@code GET /user/emails}. */
    public record Email(String email, boolean primary, boolean verified) {}

    public List<Email> emails(String token) throws IOException {
        List<Email> out = new ArrayList<>();
        for (JsonNode e : apiGet(token, "/user/emails")) {
            out.add(new Email(e.path("email").asText(), e.path("primary").asBoolean(), e.path("verified").asBoolean()));
        }
        return out;
    }

    /** An OAuth error response ({@code {"error": "..."}}): the message is the error code. */
    public static final class OAuthError extends Exception {
        private static final long serialVersionUID = 1L;

        OAuthError(String code) {
            super(code);
        }
    }

    private IdpTokens tokens(HttpResponse<String> r, String previousRefresh) throws IOException, OAuthError {
        JsonNode j = json(r);
        if (j.hasNonNull("error")) {
            throw new OAuthError(j.path("error").asText());
        }
        if (r.statusCode() / 100 != 2 || !j.hasNonNull("access_token")) {
            throw new IOException("token endpoint answered " + r.statusCode());
        }
        long expiresIn = j.path("expires_in").asLong(0);
        String refresh = j.path("refresh_token").asText("");
        return new IdpTokens(j.path("access_token").asText(), refresh.isEmpty() ? previousRefresh : refresh,
                expiresIn > 0 ? clock.instant().plusSeconds(expiresIn) : null);
    }

    private HttpResponse<String> post(URI uri, String form) throws IOException {
        return send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(form))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json"));
    }

    private JsonNode apiGet(String token, String path) throws IOException {
        HttpResponse<String> r = send(apiRequest(token, path).GET());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("GET " + path + ": " + r.statusCode());
        }
        return json(r);
    }

    private HttpRequest.Builder apiRequest(String token, String path) {
        return HttpRequest.newBuilder(URI.create(api + path)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/vnd.github+json");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        String body = r.body() == null || r.body().isBlank() ? "{}" : r.body();
        try {
            return TokendJson.mapper().readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("not JSON (status " + r.statusCode() + ")", e);
        }
    }

    private static String form(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(enc(k)).append('=').append(enc(v));
        });
        return sb.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static URI strip(URI u) {
        String s = u.toString();
        return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }
}
