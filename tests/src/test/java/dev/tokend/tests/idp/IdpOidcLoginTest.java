package dev.tokend.tests.idp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokend.server.IdpOptions;
import dev.tokend.testkit.RawHttp;
import dev.tokend.testkit.TestServer;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OpenID Connect sign-in through the real server against a real in-process provider
 * ({@code mock-oauth2-server}): the flow of reference §A with tokend's decisions (issue 12).
 */
class IdpOidcLoginTest {
    static final String CLIENT_ID = "tokend-client";
    static MockOAuth2Server idp;

    @BeforeAll
    static void startIdp() {
        idp = new MockOAuth2Server();
        idp.start();
    }

    @AfterAll
    static void stopIdp() {
        idp.shutdown();
    }

    /** A fresh issuer per test, so queued token callbacks never leak between tests. */
    static String newIssuer() {
        return "iss" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static TestServer server(String issuer, UnaryOperator<IdpOptions.Oidc> customize) {
        IdpOptions.Oidc oidc = customize.apply(IdpOptions.Oidc.of(URI.create(idp.issuerUrl(issuer).toString()),
                CLIENT_ID, "client-secret"));
        return TestServer.start(o -> o.withIdp(IdpOptions.none().withOidc(oidc)));
    }

    /** Queues the claims of the next sign-in at {@code issuer} (ID token and access token, hence userinfo). */
    static void nextUser(String issuer, String sub, Map<String, Object> claims) {
        idp.enqueueCallback(new DefaultOAuth2TokenCallback(issuer, sub, "JWT", List.of(CLIENT_ID), claims, 3600));
    }

    record Flow(Browser.Step start, Browser.Step callback, String token) {}

    /** Start at tokend, pass through the IdP, come back to the callback. */
    static Flow signIn(TestServer server, Browser browser, String redirect) {
        URI start = server.url().resolve("/api/v2/users/oidc/callback?redirect=" + redirect);
        Browser.Step s1 = browser.get(start);
        assertThat(s1.status()).as(s1.body()).isEqualTo(307);
        Browser.Step s2 = browser.get(URI.create(s1.location()));
        assertThat(s2.status()).as(s2.body()).isIn(302, 303, 307);
        Browser.Step s3 = browser.get(URI.create(s2.location()));
        return new Flow(s1, s3, browser.cookie(server.url(), "coder_session_token"));
    }

    static Map<String, Object> claims(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static JsonNode me(TestServer server, String token) {
        RawHttp.Response r = server.http().get("/api/v2/users/me").sessionToken(token).send();
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void firstUserViaOidcBecomesOwnerAndIsRedirectedWithASessionCookie() {
        String issuer = newIssuer();
        try (TestServer server = server(issuer, o -> o)) {
            nextUser(issuer, "alice-sub", claims("email", "alice@example.com", "preferred_username", "alice",
                    "name", "Alice A", "email_verified", true));
            Browser browser = new Browser();
            Flow flow = signIn(server, browser, "/settings/tokens");
            assertThat(flow.callback().status()).as(flow.callback().body()).isEqualTo(307);
            assertThat(flow.callback().location()).isEqualTo("/settings/tokens");
            assertThat(flow.token()).isNotBlank();
            assertThat(flow.callback().setCookie("coder_session_token")).contains("HttpOnly").contains("Path=/");
            // Flow cookies: Max-Age 10 minutes at start, cleared at the callback.
            assertThat(flow.start().setCookie("oauth_state")).contains("Max-Age=600").contains("HttpOnly");
            assertThat(flow.callback().setCookie("oauth_state")).contains("Max-Age=0");
            assertThat(browser.cookie(server.url(), "oauth_state")).isNull();
            JsonNode me = me(server, flow.token());
            assertThat(me.get("username").asText()).isEqualTo("alice");
            assertThat(me.get("email").asText()).isEqualTo("alice@example.com");
            assertThat(me.get("login_type").asText()).isEqualTo("oidc");
            assertThat(me.get("roles").toString()).contains("owner");
            // The audit log has the register row.
            assertThat(count(server, "SELECT count(*) FROM audit_logs WHERE resource_type = 'api_key' AND action = 'register' "
                            + "AND status_code = 201")).isEqualTo(1L);
            // A second sign-in is a login, and the link keeps its linked id.
            nextUser(issuer, "alice-sub", claims("email", "alice@example.com", "preferred_username", "other"));
            Flow again = signIn(server, new Browser(), "/");
            assertThat(again.callback().status()).isEqualTo(307);
            assertThat(me(server, again.token()).get("username").asText()).isEqualTo("alice");
            assertThat(count(server, "SELECT count(*) FROM audit_logs WHERE resource_type = 'api_key' AND action = 'login' "
                            + "AND status_code = 201")).isEqualTo(1L);
            assertThat(server.server().metrics().find("tokend_idp_logins").tag("login_type", "oidc")
                    .tag("outcome", "success").counter().count()).isEqualTo(2.0);
            assertThat(text(server, "SELECT linked_id FROM user_links")).isEqualTo(idp.issuerUrl(issuer) + "||alice-sub");
        }
    }

    @Test
    void signupsOffThenUnknownUserGetsTheSignupsDisabledPage() {
        String issuer = newIssuer();
        try (TestServer server = server(issuer, o -> o.withAllowSignups(false).withSignupsDisabledText("Ask Bob."))) {
            server.createFirstUser();
            nextUser(issuer, "new-sub", claims("email", "new@example.com"));
            Flow flow = signIn(server, new Browser(), "/");
            assertThat(flow.callback().status()).isEqualTo(403);
            assertThat(flow.callback().body()).contains("Signups are disabled").contains("Ask Bob.")
                    .contains("Back to site");
            assertThat(flow.token()).isNull();
            assertThat(count(server, "SELECT count(*) FROM audit_logs WHERE resource_type = 'api_key' AND action = 'login' "
                            + "AND status_code = 403")).isEqualTo(1L);
        }
    }

    @Test
    void passwordUserWithSameEmailGetsIncorrectLoginTypeWithTheConversionHint() {
        String issuer = newIssuer();
        try (TestServer server = server(issuer, o -> o)) {
            TestServer.Account owner = server.createFirstUser();
            nextUser(issuer, "owner-sub", claims("email", owner.email()));
            Flow flow = signIn(server, new Browser(), "/");
            assertThat(flow.callback().status()).isEqualTo(403);
            assertThat(flow.callback().body()).contains("Incorrect login type")
                    .contains("Attempting to use login type \"oidc\", but the user has the login type "
                            + "\"password\".")
                    .contains("You can convert your account");
        }
    }

    @Test
    void existingOidcUserIsLinkedByEmailCaseInsensitively() {
        String issuer = newIssuer();
        try (TestServer server = server(issuer, o -> o)) {
            TestServer.Account owner = server.createFirstUser();
            RawHttp.Response created = server.http().post("/api/v2/users").sessionToken(owner.token())
                    .json(Map.of("email", "Carol@Example.com", "username", "carol", "login_type", "oidc",
                            "organization_ids", List.of(orgOf(server, owner))))
                    .send();
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            nextUser(issuer, "carol-sub", claims("email", "carol@example.com", "preferred_username", "ignored"));
            Flow flow = signIn(server, new Browser(), "/");
            assertThat(flow.callback().status()).as(flow.callback().body()).isEqualTo(307);
            JsonNode me = me(server, flow.token());
            assertThat(me.get("username").asText()).isEqualTo("carol");
            assertThat(me.get("email").asText()).isEqualTo("carol@example.com"); // the IdP's value wins
        }
    }

    @Test
    void emailVerifiedFalseIsRefusedUnlessIgnored() {
        String issuer = newIssuer();
        try (TestServer server = server(issuer, o -> o)) {
            nextUser(issuer, "s1", claims("email", "dan@example.com", "email_verified", false));
            Flow flow = signIn(server, new Browser(), "/");
            assertThat(flow.callback().status()).isEqualTo(403);
            assertThat(message(flow)).isEqualTo(
                    "Verify the \"dan@example.com\" email address on your OIDC provider to authenticate!");
            // Only a boolean false refuses: a string "false" passes.
            nextUser(issuer, "s2", claims("email", "erin@example.com", "email_verified", "false"));
            assertThat(signIn(server, new Browser(), "/").callback().status()).isEqualTo(307);
        }
        String other = newIssuer();
        try (TestServer server = server(other, o -> o.withIgnoreEmailVerified(true))) {
            nextUser(other, "s1", claims("email", "dan@example.com", "email_verified", false));
            assertThat(signIn(server, new Browser(), "/").callback().status()).isEqualTo(307);
        }
    }

    @Test
    void emailDomainRuleIsExactCaseInsensitiveAndIgnoresALeadingAt() {
        String issuer = newIssuer();
        try (TestServer server = server(issuer, o -> o.withEmailDomains(List.of("@Corp.example", "mail.com")))) {
            Map<String, Integer> cases = Map.of(
                    "a@corp.example", 307,
                    "b@CORP.EXAMPLE", 307,
                    "c@gmail.com", 403,        // not a suffix match
                    "d@sub.corp.example", 403, // subdomains do not match
                    "e@x@mail.com", 307);      // the part after the last @
            int i = 0;
            for (Map.Entry<String, Integer> c : cases.entrySet()) {
                nextUser(issuer, "sub" + i++, claims("email", c.getKey()));
                Flow flow = signIn(server, new Browser(), "/");
                assertThat(flow.callback().status()).as(c.getKey() + ": " + flow.callback().body())
                        .isEqualTo(c.getValue());
                if (c.getValue() == 403) {
                    assertThat(message(flow)).isEqualTo("Your email \"" + c.getKey()
                            + "\" is not from an authorized domain! Please contact your administrator.");
                }
            }
        }
    }

    @Test
    void takenUsernameGetsAnAlternativeWithTheOriginalAsPrefix() {
        String issuer = newIssuer();
        try (TestServer server = server(issuer, o -> o)) {
            TestServer.Account owner = server.createFirstUser();
            nextUser(issuer, "jon-sub", claims("email", "jon@example.com", "preferred_username", owner.username()));
            Flow flow = signIn(server, new Browser(), "/");
            assertThat(flow.callback().status()).as(flow.callback().body()).isEqualTo(307);
            String username = me(server, flow.token()).get("username").asText();
            assertThat(username).startsWith(owner.username() + "-").isNotEqualTo(owner.username());
            // An email-shaped candidate becomes its local part.
            nextUser(issuer, "kyle-sub", claims("email", "kyle@kwc.io", "preferred_username", "kyle@kwc.io"));
            assertThat(me(server, signIn(server, new Browser(), "/").token()).get("username").asText())
                    .isEqualTo("kyle");
        }
    }

    @Test
    void stateMismatchMissingCookieAndIdpErrorAreRefusedWithTheReferenceTexts() {
        String issuer = newIssuer();
        try (TestServer server = server(issuer, o -> o)) {
            Browser browser = new Browser();
            Browser.Step start = browser.get(server.url().resolve("/api/v2/users/oidc/callback"));
            assertThat(start.status()).isEqualTo(307);
            URI callback = server.url().resolve("/api/v2/users/oidc/callback?code=abc&state=wrong");
            Browser.Step mismatch = browser.get(callback);
            assertThat(mismatch.status()).isEqualTo(401);
            assertThat(mismatch.body()).contains("State mismatched.");
            Browser.Step noCookie = new Browser().get(callback);
            assertThat(noCookie.status()).isEqualTo(401);
            assertThat(noCookie.body()).contains("Cookie \\\"oauth_state\\\" must be provided.");
            Browser.Step noState = new Browser().get(server.url().resolve("/api/v2/users/oidc/callback?code=abc"));
            assertThat(noState.status()).isEqualTo(400);
            assertThat(noState.body()).contains("State must be provided.");
            Browser.Step error = new Browser().get(server.url().resolve(
                    "/api/v2/users/oidc/callback?error=access_denied&error_description=nope&code=x"));
            assertThat(error.status()).isEqualTo(400);
            assertThat(error.body()).contains("Encountered error in oidc process: access_denied").contains("nope");
            long failures = count(server, "SELECT count(*) FROM audit_logs WHERE resource_type = 'api_key' AND action = 'login' "
                            + "AND status_code >= 400");
            assertThat(failures).isEqualTo(4);
        }
    }

    @Test
    void pkceChallengeIsSentAndTheVerifierCookieIsRequired() {
        String issuer = newIssuer();
        try (TestServer server = server(issuer, o -> o)) {
            Browser browser = new Browser();
            Browser.Step start = browser.get(server.url().resolve("/api/v2/users/oidc/callback"));
            Map<String, String> q = query(URI.create(start.location()));
            assertThat(q).containsEntry("code_challenge_method", "S256").containsKey("code_challenge")
                    .containsEntry("access_type", "offline").containsEntry("client_id", CLIENT_ID);
            assertThat(start.setCookie("oauth_pkce_verifier")).contains("Max-Age=600");
            browser.removeCookie(server.url(), "oauth_pkce_verifier");
            Browser.Step cb = browser.get(server.url().resolve("/api/v2/users/oidc/callback?code=abc&state="
                    + q.get("state")));
            assertThat(cb.status()).isEqualTo(400);
            assertThat(cb.body()).contains("PKCE challenge must be provided.");
        }
    }

    @Test
    void suspendedUserIsRefusedAtTheCallbackWithThePasswordLoginsMessage() {
        String issuer = newIssuer();
        try (TestServer server = server(issuer, o -> o)) {
            TestServer.Account owner = server.createFirstUser();
            nextUser(issuer, "sus-sub", claims("email", "sus@example.com", "preferred_username", "sus"));
            Flow first = signIn(server, new Browser(), "/");
            String id = me(server, first.token()).get("id").asText();
            assertThat(server.http().put("/api/v2/users/" + id + "/status/suspend").sessionToken(owner.token())
                    .send().status()).isEqualTo(200);
            nextUser(issuer, "sus-sub", claims("email", "sus@example.com"));
            Flow again = signIn(server, new Browser(), "/");
            assertThat(again.callback().status()).isEqualTo(401);
            assertThat(message(again)).isEqualTo("Your account is suspended. Contact an admin to reactivate your "
                    + "account.");
            assertThat(again.token()).isNull();
        }
    }

    @Test
    void userinfoClaimsOverrideIdTokenClaims() {
        String issuer = newIssuer();
        try (TestServer server = server(issuer, o -> o)) {
            // The provider issues the ID token first, then the access token (whose claims userinfo returns).
            idp.enqueueCallback(new DefaultOAuth2TokenCallback(issuer, "ui-sub", "JWT", List.of(CLIENT_ID),
                    claims("email", "ui@example.com"), 3600) {
                private int calls;

                @Override
                public Map<String, Object> addClaims(com.nimbusds.oauth2.sdk.TokenRequest request) {
                    Map<String, Object> c = new HashMap<>(super.addClaims(request));
                    c.put("name", calls++ == 0 ? "From ID token" : "From userinfo");
                    return c;
                }
            });
            Flow flow = signIn(server, new Browser(), "/");
            assertThat(flow.callback().status()).as(flow.callback().body()).isEqualTo(307);
            assertThat(me(server, flow.token()).get("name").asText()).isEqualTo("From userinfo");
            String stored = text(server, "SELECT claims->'id_token_claims'->>'name' FROM user_links");
            assertThat(stored).isEqualTo("From ID token");
        }
    }

    @Test
    void allowedGroupsRuleAdmitsMembersAndShowsThePageToOthers() {
        String issuer = newIssuer();
        try (TestServer server = server(issuer, o -> o.withAllowedGroups(List.of("admins"), "groups"))) {
            nextUser(issuer, "g1", claims("email", "g1@example.com", "groups", List.of("users")));
            Flow refused = signIn(server, new Browser(), "/");
            assertThat(refused.callback().status()).isEqualTo(403);
            assertThat(refused.callback().body()).contains("Not a member of an allowed group")
                    .contains("Ask an administrator to add one of your groups to the allow list.");
            nextUser(issuer, "g2", claims("email", "g2@example.com"));
            assertThat(signIn(server, new Browser(), "/").callback().body()).contains("You have no groups in your "
                    + "claims!");
            nextUser(issuer, "g3", claims("email", "g3@example.com", "groups", List.of("users", "admins")));
            assertThat(signIn(server, new Browser(), "/").callback().status()).isEqualTo(307);
        }
    }

    @Test
    void authMethodsReportsOidcWithItsCamelCaseFields() {
        String issuer = newIssuer();
        try (TestServer server = server(issuer, o -> o.withSignIn("Sign in with Corp", "/corp.png"))) {
            RawHttp.Response r = server.http().get("/api/v2/users/authmethods").send();
            assertThat(r.body()).contains("\"oidc\":{\"enabled\":true,\"signInText\":\"Sign in with Corp\","
                    + "\"iconUrl\":\"/corp.png\"}").contains("\"github\":{\"enabled\":false,"
                    + "\"default_provider_configured\":false}");
            server.createFirstUser(); // on an empty deployment /login is the first-user form
            RawHttp.Response page = server.http().get("/login").send();
            assertThat(page.body()).contains("Sign in with Corp").contains("/api/v2/users/oidc/callback?redirect=");
        }
    }

    @Test
    void passwordUserConvertsToOidcWithPasswordAndSignedCookie() {
        String issuer = newIssuer();
        try (TestServer server = server(issuer, o -> o)) {
            TestServer.Account owner = server.createFirstUser();
            assertThat(server.http().get("/api/v2/users/me/login-type").sessionToken(owner.token()).send().body())
                    .isEqualTo("{\"login_type\":\"password\"}");
            RawHttp.Response wrong = server.http().post("/api/v2/users/me/convert-login").sessionToken(owner.token())
                    .json(Map.of("to_type", "oidc", "password", "not-the-password")).send();
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.message()).isEqualTo("Incorrect email or password.");
            RawHttp.Response bad = server.http().post("/api/v2/users/me/convert-login").sessionToken(owner.token())
                    .json(Map.of("to_type", "token", "password", TestServer.PASSWORD)).send();
            assertThat(bad.message()).isEqualTo("Cannot convert to login type \"token\".");
            RawHttp.Response started = server.http().post("/api/v2/users/me/convert-login")
                    .sessionToken(owner.token()).json(Map.of("to_type", "oidc", "password", TestServer.PASSWORD))
                    .send();
            assertThat(started.status()).as(started.body()).isEqualTo(201);
            String state = started.json().get("state_string").asText();
            assertThat(state).startsWith("convert-").hasSize("convert-".length() + 32);
            String cookie = started.cookies().stream().filter(c -> c.startsWith("coder_oauth_convert_jwt="))
                    .findFirst().orElseThrow();
            assertThat(cookie).contains("SameSite=Lax").contains("HttpOnly").contains("Max-Age=300");
            // Without the cookie the callback refuses.
            nextUser(issuer, "owner-sub", claims("email", owner.email()));
            Flow noCookie = signIn(server, new Browser(), "/?x=1&oidc_merge_state=" + state);
            assertThat(noCookie.callback().status()).isEqualTo(400);
            assertThat(message(noCookie)).startsWith("Convert to oauth cookie not found.");
            // With it the user becomes an OIDC user and gets a session.
            Browser browser = new Browser();
            browser.setCookie(server.url(), "coder_oauth_convert_jwt",
                    cookie.substring("coder_oauth_convert_jwt=".length()).split(";", 2)[0]);
            nextUser(issuer, "owner-sub", claims("email", owner.email()));
            Flow converted = signIn(server, browser, "/?x=1&oidc_merge_state=" + state);
            assertThat(converted.callback().status()).as(converted.callback().body()).isEqualTo(307);
            assertThat(converted.callback().setCookie("coder_oauth_convert_jwt")).contains("Max-Age=0");
            assertThat(me(server, converted.token()).get("login_type").asText()).isEqualTo("oidc");
            assertThat(count(server, "SELECT count(*) FROM audit_logs WHERE resource_type = 'convert_login' "
                    + "AND status_code = 201")).isEqualTo(1);
        }
    }

    static long count(TestServer server, String sql) {
        return server.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    static String text(TestServer server, String sql) {
        return server.jdbi().withHandle(h -> h.createQuery(sql).mapTo(String.class).one());
    }

    static String message(Flow flow) {
        try {
            return dev.tokend.sdk.TokendJson.mapper().readTree(flow.callback().body()).get("message").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError(flow.callback().body(), e);
        }
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> out = new HashMap<>();
        for (String p : uri.getRawQuery().split("&")) {
            String[] kv = p.split("=", 2);
            out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return out;
    }

    static String orgOf(TestServer server, TestServer.Account owner) {
        return text(server, "SELECT id::text FROM organizations WHERE is_default");
    }
}
