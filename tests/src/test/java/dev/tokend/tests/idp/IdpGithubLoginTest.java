package dev.tokend.tests.idp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokend.sdk.TokendJson;
import dev.tokend.server.IdpOptions;
import dev.tokend.testkit.RawHttp;
import dev.tokend.testkit.TestServer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** GitHub sign-in (reference §C) against a fake GitHub reached through the enterprise base URL. */
class IdpGithubLoginTest {
    static TestServer server(FakeGithub gh, List<String> orgs, List<String> teams, boolean everyone, boolean device) {
        IdpOptions.Github github = new IdpOptions.Github("gh-client", "gh-secret", device, orgs, teams, true,
                everyone, gh.baseUrl());
        return TestServer.start(o -> o.withIdp(IdpOptions.none().withGithub(github)));
    }

    /** The web flow: start, fake GitHub's authorize, back to the callback. */
    static Browser.Step signIn(TestServer server, Browser browser) {
        Browser.Step start = browser.get(server.url().resolve("/api/v2/users/oauth2/github/callback?redirect=/x"));
        assertThat(start.status()).as(start.body()).isEqualTo(307);
        Browser.Step authorize = browser.get(URI.create(start.location()));
        assertThat(authorize.status()).isEqualTo(302);
        return browser.get(URI.create(authorize.location()));
    }

    static JsonNode me(TestServer server, String token) {
        RawHttp.Response r = server.http().get("/api/v2/users/me").sessionToken(token).send();
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void memberOfAnAllowedOrgSignsUpWithUnderscoresReplacedInTheUsername() {
        try (FakeGithub gh = new FakeGithub(); TestServer server = server(gh, List.of("acme"), List.of(), false,
                false)) {
            Browser browser = new Browser();
            Browser.Step cb = signIn(server, browser);
            assertThat(cb.status()).as(cb.body()).isEqualTo(307);
            assertThat(cb.location()).isEqualTo("/x");
            JsonNode me = me(server, browser.cookie(server.url(), "coder_session_token"));
            assertThat(me.get("username").asText()).isEqualTo("octo-cat");
            assertThat(me.get("email").asText()).isEqualTo("octo@example.com");
            assertThat(me.get("login_type").asText()).isEqualTo("github");
            String linked = server.jdbi().withHandle(h -> h.createQuery("SELECT linked_id FROM user_links")
                    .mapTo(String.class).one());
            assertThat(linked).isEqualTo("4242");
            // An enterprise host is not github.com: no github_com_user_id.
            Long ghcom = server.jdbi().withHandle(h -> h.createQuery("SELECT github_com_user_id FROM users "
                    + "WHERE login_type = 'github'").mapTo(Long.class).findOne().orElse(null));
            assertThat(ghcom).isNull();
        }
    }

    @Test
    void notAMemberOfAnAllowedOrgGetsA403Page() {
        try (FakeGithub gh = new FakeGithub(); TestServer server = server(gh, List.of("other"), List.of(), false,
                false)) {
            Browser.Step cb = signIn(server, new Browser());
            assertThat(cb.status()).isEqualTo(403);
            assertThat(cb.body()).contains("You aren't a member of the authorized Github organizations!");
            assertThat(cb.location()).isNull();
            long audited = server.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM audit_logs WHERE "
                    + "action = 'login' AND status_code = 403").mapTo(Long.class).one());
            assertThat(audited).isEqualTo(1);
        }
    }

    @Test
    void teamRuleAdmitsOnlyMembersOfAnAllowedTeam() {
        try (FakeGithub gh = new FakeGithub(); TestServer server = server(gh, List.of("acme"),
                List.of("acme/core"), false, false)) {
            Browser.Step refused = signIn(server, new Browser());
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.body()).contains("You aren't a member of an authorized team in the [acme] Github "
                    + "organization(s)!");
            gh.teams = Set.of("acme/core");
            assertThat(signIn(server, new Browser()).status()).isEqualTo(307);
        }
    }

    @Test
    void unverifiedPrimaryEmailIsRefused() {
        try (FakeGithub gh = new FakeGithub(); TestServer server = server(gh, List.of(), List.of(), true, false)) {
            gh.emails = List.of(Map.of("email", "octo@example.com", "primary", true, "verified", false),
                    Map.of("email", "other@example.com", "primary", false, "verified", true));
            Browser.Step cb = signIn(server, new Browser());
            assertThat(cb.status()).isEqualTo(400);
            assertThat(cb.body()).contains("Your primary email must be verified on GitHub!");
        }
    }

    @Test
    void deviceFlowPendingThenExpiredThenSuccess() throws Exception {
        try (FakeGithub gh = new FakeGithub(); TestServer server = server(gh, List.of(), List.of(), true, true)) {
            Browser browser = new Browser();
            Browser.Step start = browser.get(server.url().resolve("/api/v2/users/oauth2/github/callback"));
            assertThat(start.status()).isEqualTo(307);
            assertThat(start.location()).startsWith("/login/device?state=");
            String state = start.location().substring("/login/device?state=".length());
            Browser.Step code = browser.get(server.url().resolve("/api/v2/users/oauth2/github/device"));
            assertThat(code.status()).isEqualTo(200);
            assertThat(TokendJson.mapper().readTree(code.body()).get("user_code").asText()).isEqualTo("ABCD-1234");
            URI poll = server.url().resolve("/api/v2/users/oauth2/github/callback?code=dev-code&state=" + state);
            gh.deviceState = "authorization_pending";
            Browser.Step pending = browser.get(poll);
            assertThat(pending.status()).isEqualTo(400);
            assertThat(TokendJson.mapper().readTree(pending.body()).get("detail").asText())
                    .isEqualTo("authorization_pending");
            gh.deviceState = "expired_token";
            browser.setCookie(server.url(), "oauth_state", state); // the page keeps polling with its state
            Browser.Step expired = browser.get(poll);
            assertThat(expired.status()).isEqualTo(500);
            gh.deviceState = "ok";
            browser.setCookie(server.url(), "oauth_state", state);
            Browser.Step ok = browser.get(poll);
            assertThat(ok.status()).as(ok.body()).isEqualTo(200);
            assertThat(TokendJson.mapper().readTree(ok.body()).get("redirect_url").asText()).isEqualTo("/");
            assertThat(browser.cookie(server.url(), "coder_session_token")).isNotBlank();
        }
    }

    @Test
    void deviceEndpointWithoutDeviceFlowIsRefused() {
        try (FakeGithub gh = new FakeGithub(); TestServer server = server(gh, List.of(), List.of(), true, false)) {
            RawHttp.Response r = server.http().get("/api/v2/users/oauth2/github/device").send();
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.message()).isEqualTo("Device flow is not enabled for Github OAuth2.");
            assertThat(server.http().get("/api/v2/users/authmethods").send().body())
                    .contains("\"github\":{\"enabled\":true,\"default_provider_configured\":false}");
        }
    }
}
