package dev.tokend.tests.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokend.testkit.OAuth2Apps;
import dev.tokend.testkit.RawHttp;
import dev.tokend.testkit.TestServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web UI's OAuth2 apps and authorized-apps pages through the real server: refused exactly when
 * the API is, a client secret shown once and usable, revocation ending the app's tokens, and the
 * CSRF field on every form (browser flows: tests-ui).
 */
class OAuth2PagesTest {
    private static final Pattern SECRET = Pattern.compile("id=\"secret-value\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern CLIENT_ID = Pattern.compile("id=\"client-id-value\"[^>]*value=\"([^\"]+)\"");

    private static TestServer server;
    private static TestServer.Account owner;
    private static TestServer.Account member;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        owner = server.createFirstUser();
        member = server.createUser(owner);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RawHttp.Response page(TestServer.Account who, String path) {
        return server.http().get(path).cookie("coder_session_token", who.token()).send();
    }

    private static String csrf(TestServer.Account who) {
        return OAuth2Support.hiddenFields(page(who, "/authorized-apps").body()).get("csrf_token");
    }

    /** The create form as a browser posts it (with the CSRF field). */
    private static RawHttp.Response create(TestServer.Account who, String name, String redirect, String clientType,
            List<String> grants, String scopes) {
        StringBuilder form = new StringBuilder("csrf_token=" + OAuth2Apps.enc(csrf(who)) + "&name="
                + OAuth2Apps.enc(name) + "&redirect_uris=" + OAuth2Apps.enc(redirect) + "&client_type="
                + clientType + "&scopes=" + OAuth2Apps.enc(scopes));
        grants.forEach(g -> form.append("&grant_type=").append(OAuth2Apps.enc(g)));
        return server.http().post("/oauth2-apps/new").cookie("coder_session_token", who.token())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(form.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).send();
    }

    private static String group(Pattern p, String html) {
        Matcher m = p.matcher(html);
        assertThat(m.find()).as(html).isTrue();
        return m.group(1);
    }

    @Test
    void memberGetsTheApisRefusalOnTheAppsPagesAndNoNavEntry() {
        RawHttp.Response api = server.http().get("/api/v2/oauth2-provider/apps").sessionToken(member.token()).send();
        RawHttp.Response list = page(member, "/oauth2-apps");
        assertThat(list.status()).isEqualTo(api.status()).isIn(403, 404);
        assertThat(list.body()).contains(api.json().path("message").asText());
        RawHttp.Response created = create(member, "sneaky", "https://app.example.com/cb", "confidential", List.of(),
                "");
        assertThat(created.status()).isEqualTo(403);
        assertThat(server.http().get("/api/v2/oauth2-provider/apps").sessionToken(owner.token()).send().body())
                .doesNotContain("sneaky");
        assertThat(page(member, "/tokens").body()).doesNotContain("href=\"/oauth2-apps\"")
                .contains("href=\"/authorized-apps\"");
        assertThat(page(owner, "/tokens").body()).contains("href=\"/oauth2-apps\"");
    }

    @Test
    void badRedirectUriIsRefusedInPlaceWithTheApisValidationAndTheFormKept() {
        RawHttp.Response r = create(owner, "kept-name", "https://app.example.com/cb#fragment", "confidential",
                List.of(), "");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("redirect URI must not contain a fragment").contains("value=\"kept-name\"")
                .contains("aria-invalid=\"true\"");
    }

    @Test
    void confidentialAppCreatedOnThePageShowsASecretOnceThatAuthenticatesTheApp() {
        RawHttp.Response r = create(owner, "page-made", "https://app.example.com/cb", "confidential",
                List.of("client_credentials"), "user:read, api_key:read");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        assertThat(r.body()).contains("It will not be shown again");
        String clientId = group(CLIENT_ID, r.body());
        String secret = group(SECRET, r.body());
        assertThat(secret).startsWith("tkdc_");

        RawHttp.Response tokens = OAuth2Apps.token(server, new OAuth2Apps.App(clientId, secret),
                Map.of("grant_type", "client_credentials", "scope", "user:read"));
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        assertThat(tokens.json().path("scope").asText()).isEqualTo("user:read");
        RawHttp.Response detail = page(owner, "/oauth2-apps/" + clientId);
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.body()).contains("page-made").contains("api_key:read").doesNotContain(secret)
                .contains(secret.substring(0, secret.indexOf('_', 5)) + "_…");
    }

    @Test
    void publicAppGetsNoSecretAndDeletingItNeedsTheCsrfField() {
        RawHttp.Response r = create(owner, "cli-app", "http://127.0.0.1:7777/cb", "public", List.of(), "");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.body()).doesNotContain("secret-value").contains("proves itself with PKCE");
        String clientId = group(CLIENT_ID, r.body());

        RawHttp.Response forged = OAuth2Support.postForm(server, owner, "/oauth2-apps/" + clientId + "/delete",
                Map.of());
        assertThat(forged.status()).isEqualTo(400);
        assertThat(page(owner, "/oauth2-apps/" + clientId).status()).isEqualTo(200);

        RawHttp.Response confirm = page(owner, "/oauth2-apps/" + clientId + "/delete");
        assertThat(confirm.body()).contains("<strong>cli-app</strong>");
        RawHttp.Response deleted = OAuth2Support.postForm(server, owner, "/oauth2-apps/" + clientId + "/delete",
                OAuth2Support.hiddenFields(confirm.body()));
        assertThat(deleted.status()).isEqualTo(303);
        assertThat(deleted.header("Location")).isEqualTo("/oauth2-apps?done=app-deleted");
        assertThat(page(owner, "/oauth2-apps/" + clientId).status()).isEqualTo(404);
    }

    /** The edit form as a browser posts it; {@code csrf} null leaves the field out. */
    private static RawHttp.Response edit(TestServer.Account who, String clientId, String csrf, String name,
            String redirect, List<String> grants, String scopes) {
        StringBuilder form = new StringBuilder("name=" + OAuth2Apps.enc(name) + "&redirect_uris="
                + OAuth2Apps.enc(redirect) + "&scopes=" + OAuth2Apps.enc(scopes) + "&icon=");
        if (csrf != null) {
            form.append("&csrf_token=").append(OAuth2Apps.enc(csrf));
        }
        grants.forEach(g -> form.append("&grant_type=").append(OAuth2Apps.enc(g)));
        return server.http().post("/oauth2-apps/" + clientId + "/edit").cookie("coder_session_token", who.token())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(form.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).send();
    }

    private static RawHttp.Response apiApp(String clientId) {
        return server.http().get("/api/v2/oauth2-provider/apps/" + clientId).sessionToken(owner.token()).send();
    }

    @Test
    void editingAnAppOnThePageIsTheApisUpdateRefusedInPlaceAndConfirmedWithAFixedFlash() {
        OAuth2Apps.App app = OAuth2Support.createApp(server, owner, List.of("authorization_code",
                "refresh_token"), List.of("user:read"), "public");
        String name = apiApp(app.clientId()).json().path("name").asText();
        assertThat(page(owner, "/oauth2-apps/" + app.clientId()).body())
                .contains("href=\"/oauth2-apps/" + app.clientId() + "/edit\"");

        // The form is filled in from the app, and carries the CSRF field.
        RawHttp.Response form = page(owner, "/oauth2-apps/" + app.clientId() + "/edit");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("value=\"" + name + "\"").contains(">" + OAuth2Support.REDIRECT + "</textarea>")
                .contains("value=\"user:read\"").contains("Public (no secret: PKCE only)")
                .doesNotContain("name=\"client_type\"")
                .contains("action=\"/oauth2-apps/" + app.clientId() + "/edit\"");
        String csrf = OAuth2Support.hiddenFields(form.body()).get("csrf_token");
        assertThat(csrf).isNotEmpty();

        // Refused exactly as PUT /api/v2/oauth2-provider/apps/{app} refuses the same request: in place.
        RawHttp.Response api = server.http().put("/api/v2/oauth2-provider/apps/" + app.clientId())
                .sessionToken(owner.token()).json(Map.of("name", "x", "redirect_uris",
                        List.of("https://app.example.com/cb#fragment"))).send();
        assertThat(api.status()).isEqualTo(400);
        String detail = api.json().path("validations").get(0).path("detail").asText();
        RawHttp.Response refused = edit(owner, app.clientId(), csrf, "kept-edit",
                "https://app.example.com/cb#fragment", List.of(), "");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains(detail).contains("value=\"kept-edit\"").contains("aria-invalid=\"true\"");
        assertThat(edit(owner, app.clientId(), csrf, "x", OAuth2Support.REDIRECT, List.of(), "not-a-scope").body())
                .contains(server.http().put("/api/v2/oauth2-provider/apps/" + app.clientId())
                        .sessionToken(owner.token()).json(Map.of("name", "x", "redirect_uris",
                                List.of(OAuth2Support.REDIRECT), "scopes", List.of("not-a-scope"))).send().json()
                        .path("validations").get(0).path("detail").asText());
        // A forged form (no CSRF field) changes nothing, nor does a member, refused as by the API.
        assertThat(edit(owner, app.clientId(), null, "forged", OAuth2Support.REDIRECT, List.of(), "").status())
                .isEqualTo(400);
        int memberApi = server.http().put("/api/v2/oauth2-provider/apps/" + app.clientId())
                .sessionToken(member.token()).json(Map.of("name", "sneaky", "redirect_uris",
                        List.of(OAuth2Support.REDIRECT))).send().status();
        assertThat(edit(member, app.clientId(), csrf(member), "sneaky", OAuth2Support.REDIRECT, List.of(), "")
                .status()).isEqualTo(memberApi).isIn(403, 404);
        assertThat(page(member, "/oauth2-apps/" + app.clientId() + "/edit").status()).isEqualTo(memberApi);
        assertThat(apiApp(app.clientId()).json().path("name").asText()).isEqualTo(name);

        // Saved: back to the app with a fixed flash code; the API sees the change, the type unchanged.
        RawHttp.Response saved = edit(owner, app.clientId(), csrf, "renamed-on-page",
                OAuth2Support.REDIRECT + "\nhttp://127.0.0.1:9999/second", List.of("authorization_code"),
                "user:read api_key:read");
        assertThat(saved.status()).as(saved.body()).isEqualTo(303);
        assertThat(saved.header("Location")).isEqualTo("/oauth2-apps/" + app.clientId() + "?done=app-updated");
        assertThat(page(owner, saved.header("Location")).body()).contains("OAuth2 app updated.")
                .contains("renamed-on-page");
        var updated = apiApp(app.clientId()).json();
        assertThat(updated.path("name").asText()).isEqualTo("renamed-on-page");
        assertThat(updated.path("redirect_uris").toString())
                .isEqualTo("[\"" + OAuth2Support.REDIRECT + "\",\"http://127.0.0.1:9999/second\"]");
        assertThat(updated.path("grant_types").toString()).isEqualTo("[\"authorization_code\"]");
        assertThat(updated.path("scopes").toString()).isEqualTo("[\"user:read\",\"api_key:read\"]");
        assertThat(updated.path("client_type").asText()).isEqualTo("public");
    }

    @Test
    void revokingOnTheAuthorizedAppsPageEndsTheAppsTokensForThatUserOnly() {
        OAuth2Apps.App app = OAuth2Support.confidentialApp(server, owner);
        String access = OAuth2Support.exchange(server, app, OAuth2Support.code(server, member, app.clientId(),
                Map.of())).path("access_token").asText();
        String ownersAccess = OAuth2Support.exchange(server, app, OAuth2Support.code(server, owner, app.clientId(),
                Map.of())).path("access_token").asText();
        assertThat(page(member, "/authorized-apps").body()).contains("/authorized-apps/" + app.clientId() + "/revoke");

        RawHttp.Response confirm = page(member, "/authorized-apps/" + app.clientId() + "/revoke");
        assertThat(confirm.status()).isEqualTo(200);
        Map<String, String> fields = new LinkedHashMap<>(OAuth2Support.hiddenFields(confirm.body()));
        RawHttp.Response revoked = OAuth2Support.postForm(server, member, "/authorized-apps/" + app.clientId()
                + "/revoke", fields);
        assertThat(revoked.status()).isEqualTo(303);
        assertThat(revoked.header("Location")).isEqualTo("/authorized-apps?done=app-revoked");

        assertThat(server.http().get("/api/v2/users/me").bearer(access).send().status()).isEqualTo(401);
        assertThat(server.http().get("/api/v2/users/me").bearer(ownersAccess).send().status()).isEqualTo(200);
        assertThat(page(member, "/authorized-apps?done=app-revoked").body()).contains("Access revoked.")
                .doesNotContain("/authorized-apps/" + app.clientId() + "/revoke");
        // An app the member has not (or no longer) authorized has no confirmation to show.
        assertThat(page(member, "/authorized-apps/" + app.clientId() + "/revoke").status()).isEqualTo(404);
    }
}
