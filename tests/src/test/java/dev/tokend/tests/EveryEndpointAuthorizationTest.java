package dev.tokend.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokend.server.http.RouteTable;
import dev.tokend.testkit.DbGen;
import dev.tokend.testkit.RawHttp;
import dev.tokend.testkit.TestServer;
import dev.tokend.testkit.TestServerExtension;
import dev.tokend.testkit.Tokens;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every route of the server, called with a token that lacks the scope it needs (rejected) and with
 * one that has it (allowed). The table below must name every route: adding an endpoint without
 * deciding how it is authorized fails {@link #everyRouteHasAnAuthorizationExpectation()}.
 */
class EveryEndpointAuthorizationTest {
    @RegisterExtension
    static final TestServerExtension server = TestServerExtension.create();

    /** How a route is guarded. */
    private record Case(String caller, List<String> allowed, List<String> denied, int okStatus,
            Function<Fixture, RawHttp.Request> request) {}

    /** Fresh objects for one call: the caller, a victim user, one of the caller's tokens. */
    private record Fixture(RawHttp http, TestServer.Account caller, TestServer.Account victim, String tokenName,
            String tokenId) {}

    private static final String PUBLIC = "public";
    private static final List<String> READ_ME = List.of("user:read");

    private static final Map<String, Case> CASES = new LinkedHashMap<>();

    private static void guarded(String route, String caller, List<String> allowed, List<String> denied, int ok,
            Function<Fixture, RawHttp.Request> request) {
        CASES.put(route, new Case(caller, allowed, denied, ok, request));
    }

    private static void open(String route) {
        CASES.put(route, new Case(PUBLIC, List.of(), List.of(), 0, null));
    }

    /** An OAuth2 app of the owner (confidential, every grant), made on first use. */
    private static String appId;

    private static RawHttp.Request form(RawHttp.Request request, String body) {
        return request.header("Content-Type", "application/x-www-form-urlencoded")
                .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static synchronized String appId() {
        if (appId == null) {
            appId = newApp();
        }
        return appId;
    }

    private static String newApp() {
        return server.http().post("/api/v2/oauth2-provider/apps").sessionToken(server.owner().token())
                .json(Map.of("name", "app-" + TestServer.uniqueUsername(),
                        "redirect_uris", List.of("http://127.0.0.1:9999/callback"),
                        "grant_types", List.of("authorization_code", "refresh_token", "client_credentials",
                                "urn:ietf:params:oauth:grant-type:device_code")))
                .send().json().path("id").asText();
    }

    /** A pending device request of a (public) app, by its user code. */
    private static String newUserCode() {
        String publicApp = server.http().post("/api/v2/oauth2-provider/apps").sessionToken(server.owner().token())
                .json(Map.of("name", "device-" + TestServer.uniqueUsername(), "client_type", "public",
                        "redirect_uris", List.of("http://127.0.0.1:9999/callback"),
                        "grant_types", List.of("urn:ietf:params:oauth:grant-type:device_code")))
                .send().json().path("id").asText();
        return form(server.http().post("/oauth2/device"), "client_id=" + publicApp).send().json()
                .path("user_code").asText();
    }

    /** A new client secret of the shared app, by its id. */
    private static String newSecret() {
        return server.http().post("/api/v2/oauth2-provider/apps/" + appId() + "/secrets")
                .sessionToken(server.owner().token()).send().json().path("id").asText();
    }

    /**
     * A new app that {@code user} has authorized (consent, then the code exchanged for tokens, so
     * it is in the user's authorized-apps list), by its id.
     */
    private static String authorizedBy(TestServer.Account user) {
        String app = newApp();
        String secret = server.http().post("/api/v2/oauth2-provider/apps/" + app + "/secrets")
                .sessionToken(server.owner().token()).send().json().path("client_secret_full").asText();
        String verifier = "v".repeat(43);
        String redirect = java.net.URLEncoder.encode("http://127.0.0.1:9999/callback",
                java.nio.charset.StandardCharsets.UTF_8);
        RawHttp.Response consent = form(server.http().post("/oauth2/authorize"), "client_id=" + app
                + "&response_type=code&redirect_uri=" + redirect + "&code_challenge="
                + dev.tokend.server.oauth2.Pkce.challenge(verifier) + "&code_challenge_method=S256&decision=approve")
                .bearer(server.freshSession(user).token()).send();
        String location = consent.header("Location");
        String code = location.substring(location.indexOf("code=") + 5).split("&")[0];
        RawHttp.Response tokens = form(server.http().post("/oauth2/tokens"), "grant_type=authorization_code&code="
                + code + "&code_verifier=" + verifier + "&redirect_uri=" + redirect)
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (app + ":" + secret).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .send();
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        return app;
    }

    private static List<String> with(String... scopes) {
        List<String> all = new ArrayList<>(READ_ME);
        all.addAll(List.of(scopes));
        return all;
    }

    /** A form post as a browser sends it (the bearer token stands in for the cookie, so no CSRF field). */
    private static RawHttp.Request form(Fixture f, String path, String body) {
        return f.http().post(path).header("Content-Type", "application/x-www-form-urlencoded")
                .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static {
        open("GET /healthz");
        open("GET /readyz");
        open("GET /login");
        open("POST /login");
        open("GET /api/v2/buildinfo");
        open("GET /api/v2/users/first");
        open("POST /api/v2/users/first");
        open("GET /api/v2/users/authmethods");
        // IdP sign-in: unauthenticated by design; the IdP vouches for the user (IdpOidcLoginTest).
        open("GET /api/v2/users/oidc/callback");
        open("GET /api/v2/users/oauth2/github/callback");
        open("GET /api/v2/users/oauth2/github/device"); // asks GitHub for a device code; no user known yet
        open("GET /api/v2/auth/scopes");
        open("GET /api/v2/openapi.json"); // the OpenAPI document (issue 14)
        open("GET /swagger"); // Swagger UI over it, and its assets from the webjar
        open("GET /swagger/{file}");
        open("POST /api/v2/users/login");
        // Any valid key may sign itself out and ask what it may do (scopes do not apply to these).
        open("POST /api/v2/users/logout");
        open("POST /api/v2/authcheck");
        open("POST /api/v2/users/validate-password"); // checks a string against the policy; reads no data
        // HTML page behind the redirect variant; minting happens on POST (below).
        open("GET /cli-auth");
        // A CLI key carries every scope, so only an unscoped key may mint one: a key scoped to
        // api_key:create is refused (issue 9, hole 1: no escalation through any minting path).
        guarded("POST /cli-auth", "member", List.of("coder:all"), with("api_key:create"), 201,
                f -> f.http().post("/cli-auth").header("Content-Type", "application/x-www-form-urlencoded")
                        .body(new byte[0]));
        // OAuth2 (issue 11). Metadata is public; the machine endpoints authenticate clients (client
        // secrets, PKCE, registration access tokens), never API keys; the pages are behind the redirect variant.
        open("GET /.well-known/oauth-authorization-server");
        open("GET /.well-known/oauth-protected-resource");
        open("GET /oauth2/authorize");
        open("GET /oauth2/device/verify");
        open("POST /oauth2/tokens");
        open("POST /oauth2/device");
        open("POST /oauth2/register");
        open("POST /oauth2/revoke");
        open("POST /oauth2/introspect");
        open("GET /oauth2/clients/{client_id}");
        open("PUT /oauth2/clients/{client_id}");
        open("DELETE /oauth2/clients/{client_id}");
        for (String path : List.of("/.well-known/oauth-authorization-server", "/.well-known/oauth-protected-resource",
                "/oauth2/tokens", "/oauth2/device", "/oauth2/register", "/oauth2/revoke", "/oauth2/introspect",
                "/oauth2/clients/{client_id}")) {
            open("OPTIONS " + path); // CORS preflight (reference §8.6)
        }
        // Consent mints on the user's behalf: the approving key must cover the granted scopes
        // (the app allows everything, so only an unscoped key may approve).
        guarded("POST /oauth2/authorize", "member", List.of("coder:all"), with("api_key:create"), 302,
                f -> form(f.http().post("/oauth2/authorize"), "client_id=" + appId()
                        + "&response_type=code&redirect_uri=http%3A%2F%2F127.0.0.1%3A9999%2Fcallback"
                        + "&code_challenge=" + "a".repeat(43) + "&decision=approve"));
        guarded("POST /oauth2/device/verify", "member", List.of("coder:all"), with("api_key:create"), 200,
                f -> form(f.http().post("/oauth2/device/verify"), "decision=approve&user_code=" + newUserCode()));
        guarded("DELETE /oauth2/tokens", "member", with("api_key:delete"), READ_ME, 204,
                f -> f.http().delete("/oauth2/tokens?client_id=" + appId()));
        guarded("GET /api/v2/oauth2-provider/authorized-apps", "member", with("api_key:read"), READ_ME, 200,
                f -> f.http().get("/api/v2/oauth2-provider/authorized-apps"));
        guarded("GET /api/v2/oauth2-provider/apps", "owner", List.of("oauth2_app:read"), READ_ME, 200,
                f -> f.http().get("/api/v2/oauth2-provider/apps"));
        guarded("POST /api/v2/oauth2-provider/apps", "owner", List.of("oauth2_app:create"), List.of("oauth2_app:read"),
                201, f -> f.http().post("/api/v2/oauth2-provider/apps").json(Map.of("name", "created",
                        "callback_url", "https://app.example.com/cb")));
        guarded("GET /api/v2/oauth2-provider/apps/{app}", "owner", List.of("oauth2_app:read"), READ_ME, 200,
                f -> f.http().get("/api/v2/oauth2-provider/apps/" + appId()));
        guarded("PUT /api/v2/oauth2-provider/apps/{app}", "owner", List.of("oauth2_app:read", "oauth2_app:update"),
                List.of("oauth2_app:read"), 200, f -> f.http().put("/api/v2/oauth2-provider/apps/" + appId())
                        .json(Map.of("name", "renamed", "callback_url", "http://127.0.0.1:9999/callback",
                                "grant_types", List.of("authorization_code", "refresh_token", "client_credentials",
                                        "urn:ietf:params:oauth:grant-type:device_code"))));
        guarded("DELETE /api/v2/oauth2-provider/apps/{app}", "owner", List.of("oauth2_app:read", "oauth2_app:delete"),
                List.of("oauth2_app:read"), 204, f -> f.http().delete("/api/v2/oauth2-provider/apps/" + newApp()));
        guarded("GET /api/v2/oauth2-provider/apps/{app}/secrets", "owner", List.of("oauth2_app:read"), READ_ME, 200,
                f -> f.http().get("/api/v2/oauth2-provider/apps/" + appId() + "/secrets"));
        guarded("POST /api/v2/oauth2-provider/apps/{app}/secrets", "owner",
                List.of("oauth2_app:read", "oauth2_app:update"), List.of("oauth2_app:read"), 201,
                f -> f.http().post("/api/v2/oauth2-provider/apps/" + appId() + "/secrets"));
        guarded("DELETE /api/v2/oauth2-provider/apps/{app}/secrets/{secretID}", "owner",
                List.of("oauth2_app:read", "oauth2_app:update"), List.of("oauth2_app:read"), 204,
                f -> f.http().delete("/api/v2/oauth2-provider/apps/" + appId() + "/secrets/" + server.http()
                        .post("/api/v2/oauth2-provider/apps/" + appId() + "/secrets").sessionToken(server.owner().token()).send()
                        .json().path("id").asText()));
        guarded("GET /api/v2/users", "owner", List.of("user:read"), List.of("api_key:read"), 200,
                f -> f.http().get("/api/v2/users?q=" + f.victim().username()));
        guarded("POST /api/v2/users", "owner", List.of("user:*"), List.of("user:read"), 201,
                f -> f.http().post("/api/v2/users").json(Map.of("email", TestServer.uniqueUsername() + "@example.com",
                        "username", TestServer.uniqueUsername(), "password", TestServer.PASSWORD,
                        "organization_ids", List.of(server.owner().organizationId().toString()))));
        guarded("GET /api/v2/audit", "owner", List.of("audit_log:read"), List.of("user:read"), 200,
                f -> f.http().get("/api/v2/audit"));
        guarded("GET /api/v2/users/{user}", "member", READ_ME, List.of("api_key:read"), 200,
                f -> f.http().get("/api/v2/users/me"));
        guarded("DELETE /api/v2/users/{user}", "owner", List.of("user:*"), READ_ME, 200,
                f -> f.http().delete("/api/v2/users/" + f.victim().id()));
        guarded("GET /api/v2/users/{user}/login-type", "member", READ_ME, List.of("api_key:read"), 200,
                f -> f.http().get("/api/v2/users/me/login-type"));
        guarded("POST /api/v2/users/{user}/convert-login", "member", with("user:update_personal"), READ_ME, 201,
                f -> f.http().post("/api/v2/users/me/convert-login")
                        .json(Map.of("to_type", "oidc", "password", TestServer.PASSWORD)));
        guarded("PUT /api/v2/users/{user}/password", "owner", with("user:update_personal"), READ_ME, 204,
                f -> f.http().put("/api/v2/users/" + f.victim().id() + "/password")
                        .json(Map.of("password", "AnotherSecurePassword!" + System.nanoTime())));
        guarded("PUT /api/v2/users/{user}/status/suspend", "owner", List.of("user:*"), READ_ME, 200,
                f -> f.http().put("/api/v2/users/" + f.victim().id() + "/status/suspend"));
        guarded("PUT /api/v2/users/{user}/status/activate", "owner", List.of("user:*"), READ_ME, 200,
                f -> f.http().put("/api/v2/users/" + f.victim().id() + "/status/activate"));
        // Role assignment is granted by no scope short of coder:all.
        guarded("PUT /api/v2/users/{user}/roles", "owner", List.of("coder:all"), List.of("user:*"), 200,
                f -> f.http().put("/api/v2/users/" + f.victim().id() + "/roles").json(Map.of("roles", List.of("auditor"))));
        guarded("POST /api/v2/users/{user}/keys", "member", List.of("coder:all"), with("api_key:create"), 201,
                f -> f.http().post("/api/v2/users/me/keys"));
        guarded("POST /api/v2/users/{user}/keys/tokens", "member", with("api_key:create"), READ_ME, 201,
                f -> f.http().post("/api/v2/users/me/keys/tokens").json(Map.of("token_name",
                        TestServer.uniqueTokenName(), "scopes", READ_ME)));
        guarded("GET /api/v2/users/{user}/keys/tokens", "member", with("api_key:read"), READ_ME, 200,
                f -> f.http().get("/api/v2/users/me/keys/tokens"));
        guarded("GET /api/v2/users/{user}/keys/tokens/tokenconfig", "member", READ_ME, List.of("api_key:*"), 200,
                f -> f.http().get("/api/v2/users/me/keys/tokens/tokenconfig"));
        guarded("GET /api/v2/users/{user}/keys/tokens/{keyname}", "member", with("api_key:read"), READ_ME, 200,
                f -> f.http().get("/api/v2/users/me/keys/tokens/" + f.tokenName()));
        guarded("PATCH /api/v2/users/{user}/keys/tokens/{keyname}", "member", with("api_key:read", "api_key:update"),
                with("api_key:read"), 200, f -> f.http().patch("/api/v2/users/me/keys/tokens/" + f.tokenName())
                        .json(Map.of("scopes", READ_ME)));
        guarded("GET /api/v2/users/{user}/keys/{keyid}", "member", with("api_key:read"), READ_ME, 200,
                f -> f.http().get("/api/v2/users/me/keys/" + f.tokenId()));
        guarded("DELETE /api/v2/users/{user}/keys/{keyid}", "member", with("api_key:read", "api_key:delete"),
                with("api_key:read"), 204, f -> f.http().delete("/api/v2/users/me/keys/" + f.tokenId()));
        guarded("PUT /api/v2/users/{user}/keys/{keyid}/expire", "member", with("api_key:read", "api_key:update"),
                with("api_key:read"), 204, f -> f.http().put("/api/v2/users/me/keys/" + f.tokenId() + "/expire"));

        // Web UI pages (issue 13): each page calls the store method of the matching API route, so
        // it is refused (error page with the API's status) exactly when that route is.
        open("GET /static/{file}");
        open("POST /login/setup"); // creates the first user only on an empty deployment (409 after)
        open("GET /"); // a redirect to /tokens
        open("POST /logout"); // like POST /api/v2/users/logout: any valid key may sign itself out
        open("GET /tokens/new"); // the form only; the POST mints
        open("GET /account"); // the caller's own sessions, filtered by the store like a listing
        guarded("GET /tokens", "member", with("api_key:read"), READ_ME, 200, f -> f.http().get("/tokens"));
        guarded("POST /tokens/new", "member", with("api_key:create"), READ_ME, 201,
                f -> form(f, "/tokens/new", "token_name=" + TestServer.uniqueTokenName() + "&scope=user:read"));
        for (String action : List.of("edit", "expire", "delete")) {
            guarded("GET /tokens/{id}/" + action, "member", with("api_key:read"), READ_ME, 200,
                    f -> f.http().get("/tokens/" + f.tokenId() + "/" + action));
        }
        guarded("POST /tokens/{id}/edit", "member", with("api_key:read", "api_key:update"), READ_ME, 303,
                f -> form(f, "/tokens/" + f.tokenId() + "/edit", "scope=user:read&lifetime=keep"));
        guarded("POST /tokens/{id}/expire", "member", with("api_key:read", "api_key:update"), with("api_key:read"),
                303, f -> form(f, "/tokens/" + f.tokenId() + "/expire", ""));
        guarded("POST /tokens/{id}/delete", "member", with("api_key:read", "api_key:delete"), with("api_key:read"),
                303, f -> form(f, "/tokens/" + f.tokenId() + "/delete", ""));
        guarded("GET /users", "owner", List.of("user:read"), List.of("api_key:read"), 200,
                f -> f.http().get("/users"));
        guarded("POST /users", "owner", List.of("user:*"), List.of("user:read"), 303,
                f -> form(f, "/users", "email=" + TestServer.uniqueUsername() + "%40example.com&username="
                        + TestServer.uniqueUsername() + "&password=" + TestServer.PASSWORD));
        guarded("GET /users/{user}", "owner", READ_ME, List.of("api_key:read"), 200,
                f -> f.http().get("/users/" + f.victim().id()));
        guarded("POST /users/{user}/suspend", "owner", List.of("user:*"), READ_ME, 303,
                f -> form(f, "/users/" + f.victim().id() + "/suspend", ""));
        guarded("POST /users/{user}/activate", "owner", List.of("user:*"), READ_ME, 303,
                f -> form(f, "/users/" + f.victim().id() + "/activate", ""));
        guarded("POST /users/{user}/roles", "owner", List.of("coder:all"), List.of("user:*"), 303,
                f -> form(f, "/users/" + f.victim().id() + "/roles", "role=auditor"));
        guarded("POST /users/{user}/password", "owner", with("user:update_personal"), READ_ME, 303,
                f -> form(f, "/users/" + f.victim().id() + "/password", "password=AnotherSecurePassword!"
                        + System.nanoTime()));
        guarded("GET /audit", "owner", List.of("audit_log:read"), List.of("user:read"), 200,
                f -> f.http().get("/audit"));
        guarded("POST /account/sessions/revoke-others", "member", with("api_key:read", "api_key:delete"),
                with("api_key:read"), 303, f -> form(f, "/account/sessions/revoke-others", ""));
        guarded("POST /account/sessions/{id}/revoke", "member", with("api_key:read", "api_key:delete"),
                with("api_key:read"), 303, f -> form(f, "/account/sessions/"
                        + Tokens.idOf(server.freshSession(f.caller()).token()) + "/revoke", ""));
        guarded("POST /account/password", "member", with("user:update_personal"), READ_ME, 303,
                f -> form(f, "/account/password", "old_password=" + TestServer.PASSWORD
                        + "&password=AnotherSecurePassword!1&confirm_password=AnotherSecurePassword!1"));
        // OAuth2 apps (owners): each page makes the OAuth2Clients call of its /api/v2/oauth2-provider route.
        open("GET /oauth2-apps/new"); // the form only; the POST creates
        guarded("GET /oauth2-apps", "owner", List.of("oauth2_app:read"), READ_ME, 200,
                f -> f.http().get("/oauth2-apps"));
        guarded("POST /oauth2-apps/new", "owner", List.of("oauth2_app:create"), List.of("oauth2_app:read"), 201,
                f -> form(f, "/oauth2-apps/new", "name=created&redirect_uris=https%3A%2F%2Fapp.example.com%2Fcb"));
        guarded("GET /oauth2-apps/{app}", "owner", List.of("oauth2_app:read"), READ_ME, 200,
                f -> f.http().get("/oauth2-apps/" + appId()));
        guarded("GET /oauth2-apps/{app}/edit", "owner", List.of("oauth2_app:read"), READ_ME, 200,
                f -> f.http().get("/oauth2-apps/" + appId() + "/edit"));
        guarded("POST /oauth2-apps/{app}/edit", "owner", List.of("oauth2_app:read", "oauth2_app:update"),
                List.of("oauth2_app:read"), 303, f -> form(f, "/oauth2-apps/" + newApp() + "/edit",
                        "name=renamed&redirect_uris=http%3A%2F%2F127.0.0.1%3A9999%2Fcallback"));
        guarded("GET /oauth2-apps/{app}/delete", "owner", List.of("oauth2_app:read"), READ_ME, 200,
                f -> f.http().get("/oauth2-apps/" + appId() + "/delete"));
        guarded("POST /oauth2-apps/{app}/delete", "owner", List.of("oauth2_app:read", "oauth2_app:delete"),
                List.of("oauth2_app:read"), 303, f -> form(f, "/oauth2-apps/" + newApp() + "/delete", ""));
        guarded("POST /oauth2-apps/{app}/secrets", "owner", List.of("oauth2_app:read", "oauth2_app:update"),
                List.of("oauth2_app:read"), 201, f -> form(f, "/oauth2-apps/" + appId() + "/secrets", ""));
        guarded("GET /oauth2-apps/{app}/secrets/{secret}/delete", "owner", List.of("oauth2_app:read"), READ_ME, 200,
                f -> f.http().get("/oauth2-apps/" + appId() + "/secrets/" + newSecret() + "/delete"));
        guarded("POST /oauth2-apps/{app}/secrets/{secret}/delete", "owner",
                List.of("oauth2_app:read", "oauth2_app:update"), List.of("oauth2_app:read"), 303,
                f -> form(f, "/oauth2-apps/" + appId() + "/secrets/" + newSecret() + "/delete", ""));
        // Authorized apps (anyone): as GET /api/v2/oauth2-provider/authorized-apps and DELETE /oauth2/tokens.
        guarded("GET /authorized-apps", "member", with("api_key:read"), READ_ME, 200,
                f -> f.http().get("/authorized-apps"));
        guarded("GET /authorized-apps/{app}/revoke", "member", with("api_key:read"), READ_ME, 200,
                f -> f.http().get("/authorized-apps/" + authorizedBy(f.caller()) + "/revoke"));
        guarded("POST /authorized-apps/{app}/revoke", "member", with("api_key:delete"), READ_ME, 303,
                f -> form(f, "/authorized-apps/" + authorizedBy(f.caller()) + "/revoke", ""));
    }

    private static String key(RouteTable.Route route) {
        return route.method().text() + " " + route.pattern();
    }

    @Test
    void everyRouteHasAnAuthorizationExpectation() {
        List<String> routes = server.server().routes().routes().stream().map(EveryEndpointAuthorizationTest::key)
                .toList();
        assertThat(CASES.keySet()).as("routes without a decided authorization case")
                .containsAll(routes);
        assertThat(routes).as("cases for routes that no longer exist").containsAll(CASES.keySet());
    }

    @Test
    void eachGuardedRouteRejectsATokenWithoutItsScopeAndAcceptsOneWithIt() {
        DbGen gen = server.dbGen();
        TestServer.Account member = server.createUser(server.owner());
        for (Map.Entry<String, Case> entry : CASES.entrySet()) {
            Case c = entry.getValue();
            if (c.caller().equals(PUBLIC)) {
                continue;
            }
            TestServer.Account caller = c.caller().equals("owner") ? server.owner() : member;
            for (boolean allowed : new boolean[] {false, true}) {
                TestServer.Account victim = server.createUser(server.owner());
                String tokenName = TestServer.uniqueTokenName();
                String victimToken = server.dbGen().apiKey(caller.id()).namedToken(tokenName).insert().token();
                String scoped = server.dbGen().apiKey(caller.id()).namedToken(TestServer.uniqueTokenName())
                        .scopes(allowed ? c.allowed() : c.denied()).insert().token();
                Fixture f = new Fixture(server.http(), caller, victim, tokenName, Tokens.idOf(victimToken));
                RawHttp.Response r = c.request().apply(f).bearer(scoped).send();
                String what = entry.getKey() + (allowed ? " with " + c.allowed() : " with only " + c.denied());
                if (allowed) {
                    assertThat(r.status()).as(what + ": " + r.body()).isEqualTo(c.okStatus());
                } else if (entry.getKey().equals("GET /api/v2/users") || entry.getKey().endsWith("/keys/tokens")
                        && entry.getKey().startsWith("GET") || entry.getKey().equals("GET /tokens")
                        || entry.getKey().equals("GET /users")) {
                    // Listings filter instead of refusing: nothing of the victim's may show.
                    assertThat(r.status()).as(what).isEqualTo(200);
                    assertThat(r.body()).as(what).doesNotContain(f.victim().username()).doesNotContain(f.tokenId());
                } else {
                    assertThat(r.status()).as(what + ": " + r.body()).isIn(400, 403, 404);
                }
            }
        }
    }
}
