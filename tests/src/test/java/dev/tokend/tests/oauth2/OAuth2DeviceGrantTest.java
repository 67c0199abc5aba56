package dev.tokend.tests.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokend.testkit.OAuth2Apps;
import dev.tokend.testkit.RawHttp;
import dev.tokend.testkit.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RFC 8628 device authorization in each of its states: pending, slow_down, approved, denied, expired. */
class OAuth2DeviceGrantTest {
    private static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    private static TestServer server;
    private static TestServer.Account owner;
    private static TestServer.Account user;
    private static OAuth2Apps.App cli;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        owner = server.createFirstUser();
        user = server.createUser(owner);
        cli = OAuth2Support.createApp(server, owner, List.of(DEVICE_GRANT), List.of("user:read"), "public");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode start(OAuth2Apps.App app) {
        RawHttp.Response r = OAuth2Apps.form(server, "/oauth2/device", null, Map.of("client_id", app.clientId()));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        return r.json();
    }

    private static RawHttp.Response poll(String deviceCode) {
        return OAuth2Apps.form(server, "/oauth2/tokens", null, Map.of("grant_type", DEVICE_GRANT, "client_id",
                cli.clientId(), "device_code", deviceCode));
    }

    private static String error(RawHttp.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        return r.json().path("error").asText();
    }

    private static RawHttp.Response decide(String userCode, String decision) {
        RawHttp.Response page = server.http().get("/oauth2/device/verify?user_code=" + userCode)
                .cookie("coder_session_token", user.token()).send();
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        Map<String, String> fields = OAuth2Support.hiddenFields(page.body());
        fields.put("decision", decision);
        return OAuth2Support.postForm(server, user, "/oauth2/device/verify", fields);
    }

    @Test
    void pendingThenSlowDownThenApprovedIssuesTokensOnce() {
        JsonNode started = start(cli);
        assertThat(started.path("user_code").asText()).matches("[A-Z]{4}-[A-Z]{4}");
        assertThat(started.path("verification_uri").asText()).endsWith("/oauth2/device/verify");
        assertThat(started.path("verification_uri_complete").asText()).contains(started.path("user_code").asText());
        assertThat(started.path("interval").asInt()).isEqualTo(5);
        String device = started.path("device_code").asText();
        assertThat(device).startsWith("tkdd_");

        assertThat(error(poll(device))).isEqualTo("authorization_pending");
        assertThat(error(poll(device))).isEqualTo("slow_down"); // no time passed
        server.clock().advance(Duration.ofSeconds(11)); // the interval grew to 10 s
        assertThat(error(poll(device))).isEqualTo("authorization_pending");

        // Typed in lower case without the dash: still the same code.
        String typed = started.path("user_code").asText().toLowerCase().replace("-", "");
        RawHttp.Response approved = decide(typed, "approve");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);

        server.clock().advance(Duration.ofSeconds(11));
        RawHttp.Response tokens = poll(device);
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        assertThat(tokens.json().path("scope").asText()).isEqualTo("user:read");
        String access = tokens.json().path("access_token").asText();
        RawHttp.Response me = server.http().get("/api/v2/users/me").bearer(access).send();
        assertThat(me.json().path("username").asText()).isEqualTo(user.username());
        server.clock().advance(Duration.ofSeconds(11));
        assertThat(error(poll(device))).isEqualTo("invalid_grant"); // used
    }

    @Test
    void deniedRequestIsAccessDenied() {
        JsonNode started = start(cli);
        assertThat(decide(started.path("user_code").asText(), "deny").status()).isEqualTo(200);
        assertThat(error(poll(started.path("device_code").asText()))).isEqualTo("access_denied");
    }

    @Test
    void requestExpiresAfterTenMinutes() {
        JsonNode started = start(cli);
        server.clock().advance(Duration.ofMinutes(10).plusSeconds(1));
        assertThat(error(poll(started.path("device_code").asText()))).isEqualTo("expired_token");
        RawHttp.Response page = server.http().get("/oauth2/device/verify?user_code="
                + started.path("user_code").asText()).cookie("coder_session_token", user.token()).send();
        assertThat(page.status()).isEqualTo(400);
    }

    @Test
    void unknownUserCodeCannotBeApproved() {
        RawHttp.Response page = server.http().get("/oauth2/device/verify?user_code=BCDF-GHJK")
                .cookie("coder_session_token", user.token()).send();
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).doesNotContain("Approve");
    }

    @Test
    void approvalNeedsTheCsrfField() {
        JsonNode started = start(cli);
        RawHttp.Response forged = OAuth2Support.postForm(server, user, "/oauth2/device/verify",
                Map.of("user_code", started.path("user_code").asText(), "decision", "approve"));
        assertThat(forged.status()).isEqualTo(400);
        assertThat(error(poll(started.path("device_code").asText()))).isEqualTo("authorization_pending");
    }

    @Test
    void clientWithoutTheDeviceGrantIsUnauthorized() {
        OAuth2Apps.App web = OAuth2Support.confidentialApp(server, owner);
        RawHttp.Response r = OAuth2Apps.form(server, "/oauth2/device", OAuth2Apps.basic(web), Map.of());
        assertThat(r.json().path("error").asText()).isEqualTo("unauthorized_client");
    }
}
