package dev.tokend.tests.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokend.server.oauth2.OAuth2Settings;
import dev.tokend.testkit.OAuth2Apps;
import dev.tokend.testkit.RawHttp;
import dev.tokend.testkit.TestServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Dynamic client registration (RFC 7591), its management (RFC 7592), validation, cap and rate limit. */
class OAuth2RegistrationTest {
    private static TestServer server;
    private static TestServer.Account owner;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        owner = server.createFirstUser();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RawHttp.Response register(TestServer on, Map<String, Object> metadata) {
        return on.http().post("/oauth2/register").json(metadata).send();
    }

    private static Map<String, Object> metadata(String... redirectUris) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("client_name", "MCP client");
        m.put("redirect_uris", List.of(redirectUris));
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com/cb", "http://localhost:7777/cb", "http://127.0.0.1/cb",
            "http://[::1]:8080/cb", "com.example.app:/oauth2redirect"})
    void acceptedRedirectUris(String uri) {
        RawHttp.Response r = register(server, metadata(uri));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "/relative/cb, invalid_redirect_uri",
        "https://app.example.com/cb#frag, invalid_redirect_uri",
        "http://app.example.com/cb, invalid_redirect_uri",
        "javascript:alert(1), invalid_redirect_uri",
        "'data:text/html;base64,AAAA', invalid_redirect_uri",
        "https://app.example.com/a b, invalid_redirect_uri",
    })
    void refusedRedirectUris(String uri, String error) {
        RawHttp.Response r = register(server, metadata(uri));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().path("error").asText()).isEqualTo(error);
        assertThat(r.json().path("error_description").asText()).isNotEmpty();
    }

    @Test
    void refusedMetadata() {
        assertThat(register(server, Map.of("client_name", "x")).json().path("error").asText())
                .isEqualTo("invalid_redirect_uri");
        Map<String, Object> cc = metadata("https://app.example.com/cb");
        cc.put("grant_types", List.of("client_credentials"));
        assertThat(register(server, cc).json().path("error").asText()).isEqualTo("invalid_client_metadata");
        Map<String, Object> implicit = metadata("https://app.example.com/cb");
        implicit.put("response_types", List.of("token"));
        assertThat(register(server, implicit).json().path("error").asText()).isEqualTo("invalid_client_metadata");
        Map<String, Object> scope = metadata("https://app.example.com/cb");
        scope.put("scope", "no_such:scope");
        assertThat(register(server, scope).json().path("error").asText()).isEqualTo("invalid_client_metadata");
        RawHttp.Response garbage = server.http().post("/oauth2/register").json("{not json").send();
        assertThat(garbage.json().path("error").asText()).isEqualTo("invalid_client_metadata");
    }

    @Test
    void publicClientRegistersAndCompletesTheCodeFlowWithPkceAlone() {
        Map<String, Object> m = metadata(OAuth2Support.REDIRECT);
        m.put("token_endpoint_auth_method", "none");
        JsonNode registered = register(server, m).json();
        assertThat(registered.has("client_secret")).isFalse();
        OAuth2Apps.App app = new OAuth2Apps.App(registered.path("client_id").asText(), "");
        TestServer.Account user = server.createUser(owner);
        String code = OAuth2Support.code(server, user, app.clientId(), Map.of());
        RawHttp.Response tokens = OAuth2Apps.form(server, "/oauth2/tokens", null, Map.of("grant_type",
                "authorization_code", "client_id", app.clientId(), "code", code, "code_verifier",
                OAuth2Support.VERIFIER, "redirect_uri", OAuth2Support.REDIRECT));
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        assertThat(tokens.json().path("refresh_token").asText()).startsWith("tkdr_");
    }

    @Test
    void confidentialClientGetsASecretAndManagesItselfWithTheRegistrationToken() {
        JsonNode registered = register(server, metadata("https://app.example.com/cb")).json();
        assertThat(registered.path("client_secret").asText()).startsWith("tkdc_");
        assertThat(registered.path("client_secret_expires_at").asInt()).isZero();
        String token = registered.path("registration_access_token").asText();
        assertThat(token).startsWith("tkdg_");
        String uri = registered.path("registration_client_uri").asText();
        String path = java.net.URI.create(uri).getPath();
        assertThat(path).isEqualTo("/oauth2/clients/" + registered.path("client_id").asText());

        RawHttp.Response got = server.http().get(path).bearer(token).send();
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json().path("client_name").asText()).isEqualTo("MCP client");
        assertThat(got.json().has("client_secret")).isFalse();

        assertManagementError(server.http().get(path).send(), 401, "Missing Authorization header");
        assertManagementError(server.http().get(path).header("Authorization", "Basic eDp5").send(), 401,
                "Authorization header must use Bearer scheme");
        assertManagementError(server.http().get(path).bearer("tkdg_0123456789_abcdefghijklmnopqrstuv000000")
                .send(), 401, "Invalid registration access token");

        Map<String, Object> changed = metadata("https://app.example.com/cb2");
        changed.put("client_name", "Renamed");
        RawHttp.Response put = server.http().put(path).bearer(token).json(changed).send();
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().path("redirect_uris").get(0).asText()).isEqualTo("https://app.example.com/cb2");

        assertThat(server.http().delete(path).bearer(token).send().status()).isEqualTo(204);
        assertManagementError(server.http().get(path).bearer(token).send(), 401, "Client not found");
    }

    @Test
    void adminCreatedAppCannotBeManagedWithRegistrationTokens() {
        OAuth2Apps.App app = OAuth2Support.confidentialApp(server, owner);
        assertManagementError(server.http().get("/oauth2/clients/" + app.clientId())
                .bearer("tkdg_0123456789_abcdefghijklmnopqrstuv000000").send(), 403,
                "Client was not dynamically registered");
    }

    private static void assertManagementError(RawHttp.Response r, int status, String description) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().path("error").asText()).isEqualTo("invalid_token");
        assertThat(r.json().path("error_description").asText()).isEqualTo(description);
    }

    @Test
    void registrationsPerSourceAreCapped() {
        try (TestServer capped = TestServer.start(o -> o, OAuth2Settings.defaults().withClientsPerSourcePerDay(2))) {
            assertThat(register(capped, metadata("https://a.example/cb")).status()).isEqualTo(201);
            assertThat(register(capped, metadata("https://a.example/cb")).status()).isEqualTo(201);
            RawHttp.Response third = register(capped, metadata("https://a.example/cb"));
            assertThat(third.status()).isEqualTo(429);
            assertThat(third.json().path("error").asText()).isEqualTo("invalid_client_metadata");
            capped.clock().advance(Duration.ofDays(1).plusSeconds(1));
            assertThat(register(capped, metadata("https://a.example/cb")).status()).isEqualTo(201);
        }
    }

    @Test
    void registrationIsRateLimited() {
        try (TestServer limited = TestServer.start(o -> o.withDangerousDisableRateLimits(false),
                OAuth2Settings.defaults().withProtocolRateLimit(3))) {
            for (int i = 0; i < 3; i++) {
                assertThat(register(limited, metadata("https://a.example/cb")).status()).isEqualTo(201);
            }
            RawHttp.Response limitedAnswer = register(limited, metadata("https://a.example/cb"));
            assertThat(limitedAnswer.status()).isEqualTo(429);
            assertThat(limitedAnswer.header("Retry-After")).isNotNull();
        }
    }
}
