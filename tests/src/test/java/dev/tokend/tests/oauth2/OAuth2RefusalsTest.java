package dev.tokend.tests.oauth2;

import static dev.tokend.tests.oauth2.OAuth2Support.REDIRECT;
import static dev.tokend.tests.oauth2.OAuth2Support.VERIFIER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokend.server.oauth2.OAuth2Settings;
import dev.tokend.testkit.OAuth2Apps;
import dev.tokend.testkit.RawHttp;
import dev.tokend.testkit.TestServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every refusal of issue 11 and reference §8, through the real server. */
class OAuth2RefusalsTest {
    private static TestServer server;
    private static TestServer.Account owner;
    private static TestServer.Account user;
    private static OAuth2Apps.App app;

    @BeforeAll
    static void start() {
        server = TestServer.start(o -> o, OAuth2Settings.defaults().withRefreshReuseGrace(Duration.ofSeconds(10)));
        owner = server.createFirstUser();
        user = server.createUser(owner);
        app = OAuth2Support.confidentialApp(server, owner);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RawHttp.Response authorize(Map<String, String> extra) {
        return OAuth2Support.consentPage(server, user, "/oauth2/authorize?"
                + OAuth2Support.authorizeQuery(app.clientId(), extra));
    }

    private static Map<String, String> with(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    // ---- authorization endpoint ----

    @Test
    void redirectUriMismatchShowsAnErrorAndNeverRedirects() {
        for (String bad : List.of("http://127.0.0.1:9999/callback/extra", "http://127.0.0.1:9999/callbacK",
                "https://evil.example/callback", "http://127.0.0.1:9999/callback?x=1")) {
            RawHttp.Response r = authorize(with("redirect_uri", bad));
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.header("Location")).as(bad).isNull();
            assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
        }
    }

    @Test
    void unknownClientShowsAnErrorAndNeverRedirects() {
        RawHttp.Response r = OAuth2Support.consentPage(server, user, "/oauth2/authorize?"
                + OAuth2Support.authorizeQuery(java.util.UUID.randomUUID().toString(), Map.of()));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Location")).isNull();
    }

    @ParameterizedTest(name = "{0}={1} → {2}")
    @CsvSource({
        "response_type, token, unsupported_response_type",
        "code_challenge_method, plain, invalid_request",
        "code_challenge, , invalid_request",
        "scope, no_such:scope, invalid_scope",
        "resource, not-absolute, invalid_target",
    })
    void badAuthorizationRequestRedirectsWithTheErrorAndState(String name, String value, String error) {
        RawHttp.Response r = authorize(with(name, value == null ? null : value));
        assertThat(r.status()).as(r.body()).isEqualTo(302);
        Map<String, String> q = OAuth2Apps.query(r.header("Location"));
        assertThat(r.header("Location")).startsWith(REDIRECT + "?");
        assertThat(q).containsEntry("error", error).containsEntry("state", "xyz-state").doesNotContainKey("code");
    }

    @Test
    void missingPkceIsInvalidRequest() {
        RawHttp.Response r = authorize(with("code_challenge", null, "code_challenge_method", null));
        assertThat(OAuth2Apps.query(r.header("Location"))).containsEntry("error", "invalid_request");
    }

    @Test
    void browserWithoutSessionGoesToLoginKeepingTheRequest() {
        String query = OAuth2Support.authorizeQuery(app.clientId(), Map.of());
        RawHttp.Response r = server.http().get("/oauth2/authorize?" + query).send();
        assertThat(r.status()).isEqualTo(303);
        String location = r.header("Location");
        assertThat(location).startsWith("/login?");
        assertThat(OAuth2Apps.query("http://x" + location).get("redirect")).isEqualTo("/oauth2/authorize?" + query);
    }

    @Test
    void consentWithoutTheCsrfFieldIsRefused() {
        RawHttp.Response page = authorize(Map.of());
        Map<String, String> fields = OAuth2Support.hiddenFields(page.body());
        fields.put("csrf_token", "forged");
        fields.put("decision", "approve");
        RawHttp.Response r = OAuth2Support.postForm(server, user, "/oauth2/authorize", fields);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Location")).isNull();
        fields.remove("csrf_token");
        assertThat(OAuth2Support.postForm(server, user, "/oauth2/authorize", fields).status()).isEqualTo(400);
    }

    @Test
    void consentWithASessionTokenInTheQueryStringIsRefused() {
        // A cross-site form could carry an attacker's own token (and its CSRF value) in the URL.
        Map<String, String> fields = OAuth2Support.hiddenFields(authorize(Map.of()).body());
        fields.put("decision", "approve");
        StringBuilder form = new StringBuilder();
        fields.forEach((k, v) -> form.append(form.isEmpty() ? "" : "&").append(OAuth2Apps.enc(k)).append('=')
                .append(OAuth2Apps.enc(v)));
        RawHttp.Response r = server.http().post("/oauth2/authorize?coder_session_token=" + user.token())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(form.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).send();
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Location")).isNull();
    }

    @Test
    void denyingRedirectsWithAccessDeniedAndState() {
        RawHttp.Response r = OAuth2Support.submit(server, user, authorize(Map.of()), "deny");
        assertThat(r.status()).isEqualTo(302);
        assertThat(OAuth2Apps.query(r.header("Location"))).containsEntry("error", "access_denied")
                .containsEntry("state", "xyz-state").doesNotContainKey("code");
    }

    // ---- code exchange ----

    private static RawHttp.Response exchange(String code, String verifier, String redirect) {
        Map<String, String> form = with("grant_type", "authorization_code", "code", code, "code_verifier", verifier);
        if (redirect != null) {
            form.put("redirect_uri", redirect);
        }
        return OAuth2Apps.token(server, app, form);
    }

    private static void assertError(RawHttp.Response r, int status, String error) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().path("error").asText()).isEqualTo(error);
        assertThat(r.json().path("error_description").asText()).isNotEmpty();
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void wrongVerifierIsInvalidGrant() {
        String code = OAuth2Support.code(server, user, app.clientId(), Map.of());
        assertError(exchange(code, VERIFIER.replace('d', 'e'), REDIRECT), 400, "invalid_grant");
        assertError(exchange(code, "short", REDIRECT), 400, "invalid_grant");
    }

    @Test
    void redirectUriChangedAtExchangeIsInvalidGrant() {
        String code = OAuth2Support.code(server, user, app.clientId(), Map.of());
        assertError(exchange(code, VERIFIER, "http://127.0.0.1:9999/other"), 400, "invalid_grant");
        assertError(exchange(code, VERIFIER, null), 400, "invalid_grant");
    }

    @Test
    void codeIsSingleUse() {
        String code = OAuth2Support.code(server, user, app.clientId(), Map.of());
        assertThat(exchange(code, VERIFIER, REDIRECT).status()).isEqualTo(200);
        assertError(exchange(code, VERIFIER, REDIRECT), 400, "invalid_grant");
    }

    @Test
    void codeExpiresAfterTenMinutes() {
        String code = OAuth2Support.code(server, user, app.clientId(), Map.of());
        server.clock().advance(Duration.ofMinutes(10).plusSeconds(1));
        assertError(exchange(code, VERIFIER, REDIRECT), 400, "invalid_grant");
    }

    @Test
    void codeOfAnotherClientIsInvalidGrant() {
        OAuth2Apps.App other = OAuth2Support.confidentialApp(server, owner);
        String code = OAuth2Support.code(server, user, app.clientId(), Map.of());
        assertError(OAuth2Apps.token(server, other, with("grant_type", "authorization_code", "code", code,
                "code_verifier", VERIFIER, "redirect_uri", REDIRECT)), 400, "invalid_grant");
    }

    @Test
    void resourceOtherThanTheCodesIsInvalidTarget() {
        String code = OAuth2Support.code(server, user, app.clientId(), Map.of("resource", server.url().toString()));
        assertError(OAuth2Apps.token(server, app, with("grant_type", "authorization_code", "code", code,
                "code_verifier", VERIFIER, "redirect_uri", REDIRECT, "resource", "https://other.example")), 400,
                "invalid_target");
    }

    // ---- client authentication ----

    @Test
    void wrongSecretIsInvalidClient() {
        OAuth2Apps.App wrong = new OAuth2Apps.App(app.clientId(),
                OAuth2Support.confidentialApp(server, owner).secret());
        assertError(OAuth2Apps.token(server, wrong, with("grant_type", "refresh_token", "refresh_token", "x")), 401,
                "invalid_client");
        assertError(OAuth2Apps.form(server, "/oauth2/tokens", null, with("grant_type", "refresh_token",
                "refresh_token", "x", "client_id", app.clientId(), "client_secret", "garbage")), 401, "invalid_client");
        assertError(OAuth2Apps.form(server, "/oauth2/tokens", null, with("grant_type", "refresh_token",
                "refresh_token", "x", "client_id", app.clientId())), 401, "invalid_client");
    }

    @Test
    void conflictingClientAuthenticationIsInvalidRequest() {
        OAuth2Apps.App other = OAuth2Support.confidentialApp(server, owner);
        assertError(OAuth2Apps.form(server, "/oauth2/tokens", OAuth2Apps.basic(app), with("grant_type",
                "refresh_token", "refresh_token", "x", "client_id", other.clientId(), "client_secret",
                other.secret())), 400, "invalid_request");
    }

    @Test
    void unknownGrantTypeIsUnsupported() {
        assertError(OAuth2Apps.token(server, app, with("grant_type", "password", "username", "u")), 400,
                "unsupported_grant_type");
        assertError(OAuth2Apps.token(server, app, with("grant_type", "implicit")), 400, "unsupported_grant_type");
    }

    // ---- refresh rotation and reuse ----

    @Test
    void rotatedRefreshTokenReusedAfterTheGraceRevokesTheWholeFamilyAndIsAudited() {
        JsonNode first = OAuth2Support.exchange(server, app, OAuth2Support.code(server, user, app.clientId(), Map.of()));
        JsonNode second = refresh(first.path("refresh_token").asText());
        assertThat(second.path("refresh_token").asText()).isNotEqualTo(first.path("refresh_token").asText());
        JsonNode third = refresh(second.path("refresh_token").asText());
        String live = third.path("access_token").asText();
        assertThat(server.http().get("/api/v2/users/me").bearer(live).send().status()).isEqualTo(200);

        server.clock().advance(Duration.ofSeconds(11));
        assertError(refreshRaw(first.path("refresh_token").asText()), 400, "invalid_grant");
        // The thief's reuse killed every token of the family, the legitimate client's included.
        assertThat(server.http().get("/api/v2/users/me").bearer(live).send().status()).isEqualTo(401);
        assertError(refreshRaw(third.path("refresh_token").asText()), 400, "invalid_grant");
        Integer audited = server.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM audit_logs WHERE "
                + "resource_type = 'oauth2_refresh_token' AND action = 'reuse' AND user_id = :u")
                .bind("u", user.id()).mapTo(Integer.class).one());
        assertThat(audited).isEqualTo(1);
    }

    @Test
    void rotatedRefreshTokenRetriedWithinTheGraceGetsANewPairAndDropsTheLostOne() {
        JsonNode first = OAuth2Support.exchange(server, app, OAuth2Support.code(server, user, app.clientId(), Map.of()));
        JsonNode lost = refresh(first.path("refresh_token").asText());
        server.clock().advance(Duration.ofSeconds(5));
        JsonNode retried = refresh(first.path("refresh_token").asText());
        assertThat(server.http().get("/api/v2/users/me").bearer(retried.path("access_token").asText()).send()
                .status()).isEqualTo(200);
        assertThat(server.http().get("/api/v2/users/me").bearer(lost.path("access_token").asText()).send()
                .status()).isEqualTo(401);
        assertThat(refreshRaw(lost.path("refresh_token").asText()).status()).isEqualTo(400);
    }

    private static JsonNode refresh(String token) {
        RawHttp.Response r = refreshRaw(token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static RawHttp.Response refreshRaw(String token) {
        return OAuth2Apps.token(server, app, with("grant_type", "refresh_token", "refresh_token", token));
    }

    // ---- revocation and introspection ----

    @Test
    void revokingAnUnknownTokenIsOkAndAMalformedOneIsInvalidRequest() {
        String unknown = "tkda_0123456789_abcdefghijklmnopqrstuv1e3N5Z";
        assertThat(OAuth2Apps.form(server, "/oauth2/revoke", OAuth2Apps.basic(app), Map.of("token", unknown))
                .status()).isEqualTo(200);
        assertError(OAuth2Apps.form(server, "/oauth2/revoke", OAuth2Apps.basic(app), Map.of("token",
                "not-a-token")), 400, "invalid_request");
    }

    @Test
    void revokingAnotherClientsTokenChangesNothing() {
        JsonNode tokens = OAuth2Support.exchange(server, app, OAuth2Support.code(server, user, app.clientId(), Map.of()));
        OAuth2Apps.App other = OAuth2Support.confidentialApp(server, owner);
        String access = tokens.path("access_token").asText();
        assertThat(OAuth2Apps.form(server, "/oauth2/revoke", OAuth2Apps.basic(other), Map.of("token", access))
                .status()).isEqualTo(200);
        assertThat(server.http().get("/api/v2/users/me").bearer(access).send().status()).isEqualTo(200);
    }

    @Test
    void introspectionReportsActiveExpiredAndRevokedTokens() {
        JsonNode tokens = OAuth2Support.exchange(server, app, OAuth2Support.code(server, user, app.clientId(), Map.of()));
        String access = tokens.path("access_token").asText();
        assertThat(introspect(access).path("active").asBoolean()).isTrue();
        assertThat(introspect(access).path("scope").asText()).isEqualTo("user:read");
        assertThat(introspect(tokens.path("refresh_token").asText()).path("active").asBoolean()).isTrue();
        // Another client learns nothing about it.
        OAuth2Apps.App other = OAuth2Support.confidentialApp(server, owner);
        assertThat(OAuth2Apps.form(server, "/oauth2/introspect", OAuth2Apps.basic(other), Map.of("token",
                access)).json().path("active").asBoolean()).isFalse();
        // Revoked.
        OAuth2Apps.form(server, "/oauth2/revoke", OAuth2Apps.basic(app), Map.of("token", access));
        assertThat(introspect(access).path("active").asBoolean()).isFalse();
        // Expired (access tokens live an hour).
        JsonNode later = OAuth2Support.exchange(server, app, OAuth2Support.code(server, user, app.clientId(), Map.of()));
        server.clock().advance(Duration.ofHours(1).plusSeconds(1));
        assertThat(introspect(later.path("access_token").asText()).path("active").asBoolean()).isFalse();
        // Introspection is client-authenticated.
        assertThat(OAuth2Apps.form(server, "/oauth2/introspect", null, Map.of("token", access)).status())
                .isEqualTo(400);
    }

    private static JsonNode introspect(String token) {
        RawHttp.Response r = OAuth2Apps.form(server, "/oauth2/introspect", OAuth2Apps.basic(app),
                Map.of("token", token));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    // ---- client credentials ----

    @Test
    void clientCredentialsScopesAreCappedByTheClientsAllowedScopes() {
        OAuth2Apps.App service = OAuth2Support.createApp(server, owner, List.of("client_credentials"),
                List.of("user:read"), "confidential");
        RawHttp.Response granted = OAuth2Apps.token(server, service, with("grant_type", "client_credentials",
                "scope", "user:read api_key:read"));
        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        assertThat(granted.json().path("scope").asText()).isEqualTo("user:read");
        assertThat(granted.json().has("refresh_token")).isFalse();
        String access = granted.json().path("access_token").asText();
        // A service account owned by the client's creator, with only the capped scope.
        assertThat(server.http().get("/api/v2/users/me").bearer(access).send().json().path("id").asText())
                .isEqualTo(owner.id().toString());
        assertThat(server.http().get("/api/v2/audit").bearer(access).send().status()).isEqualTo(403);
        assertError(OAuth2Apps.token(server, service, with("grant_type", "client_credentials", "scope",
                "api_key:read")), 400, "invalid_scope");
        assertThat(OAuth2Apps.token(server, service, with("grant_type", "client_credentials")).json()
                .path("scope").asText()).isEqualTo("user:read");
        // A client without allowed scopes or without the grant gets nothing.
        OAuth2Apps.App unscoped = OAuth2Support.createApp(server, owner, List.of("client_credentials"), List.of(),
                "confidential");
        assertError(OAuth2Apps.token(server, unscoped, with("grant_type", "client_credentials")), 400,
                "invalid_scope");
        assertError(OAuth2Apps.token(server, app, with("grant_type", "client_credentials")), 400,
                "unauthorized_client");
    }

    // ---- resource servers ----

    @Test
    void tokenForAnotherAudienceIsForbiddenHere() {
        String code = OAuth2Support.code(server, user, app.clientId(), Map.of("resource", "https://other.example"));
        String access = OAuth2Apps.token(server, app, with("grant_type", "authorization_code", "code", code,
                "code_verifier", VERIFIER, "redirect_uri", REDIRECT)).json().path("access_token").asText();
        RawHttp.Response r = server.http().get("/api/v2/users/me").bearer(access).send();
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.message()).isEqualTo("Token audience validation failed");
        assertThat(r.header("WWW-Authenticate")).contains("insufficient_scope")
                .contains("/.well-known/oauth-protected-resource");
        // Bound to this server, it works.
        String here = OAuth2Support.code(server, user, app.clientId(), Map.of("resource", server.url().toString()));
        String ok = OAuth2Apps.token(server, app, with("grant_type", "authorization_code", "code", here,
                "code_verifier", VERIFIER, "redirect_uri", REDIRECT)).json().path("access_token").asText();
        assertThat(server.http().get("/api/v2/users/me").bearer(ok).send().status()).isEqualTo(200);
    }

    @Test
    void oauth2AccessTokenInTheQueryStringIsRefused() {
        String access = OAuth2Support.exchange(server, app, OAuth2Support.code(server, user, app.clientId(), Map.of()))
                .path("access_token").asText();
        assertThat(server.http().get("/api/v2/users/me?access_token=" + access).send().status()).isEqualTo(401);
        assertThat(server.http().get("/api/v2/users/me?coder_session_token=" + access).send().status())
                .isEqualTo(401);
        assertThat(server.http().get("/api/v2/users/me").bearer(access).send().status()).isEqualTo(200);
        assertThat(server.http().get("/api/v2/users/me").sessionToken(access).send().status()).isEqualTo(200);
    }

    // ---- the user's side ----

    @Test
    void userSeesAuthorizedAppsAndRevokingOneKillsItsTokens() {
        TestServer.Account someone = server.createUser(owner);
        JsonNode tokens = OAuth2Support.exchange(server, app, OAuth2Support.code(server, someone, app.clientId(),
                Map.of()));
        RawHttp.Response list = server.http().get("/api/v2/oauth2-provider/authorized-apps")
                .sessionToken(someone.token()).send();
        assertThat(list.body()).contains(app.clientId());
        RawHttp.Response revoked = server.http().delete("/oauth2/tokens?client_id=" + app.clientId())
                .sessionToken(someone.token()).send();
        assertThat(revoked.status()).isEqualTo(204);
        assertThat(server.http().get("/api/v2/users/me").bearer(tokens.path("access_token").asText()).send()
                .status()).isEqualTo(401);
        assertThat(refreshRaw(tokens.path("refresh_token").asText()).status()).isEqualTo(400);
        assertThat(server.http().get("/api/v2/oauth2-provider/authorized-apps").sessionToken(someone.token()).send()
                .body()).doesNotContain(app.clientId());
    }
}
