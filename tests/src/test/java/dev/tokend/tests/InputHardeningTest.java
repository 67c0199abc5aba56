package dev.tokend.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokend.testkit.LogCapture;
import dev.tokend.testkit.RawHttp;
import dev.tokend.testkit.TestServer;
import dev.tokend.testkit.TestServerExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile input from issue 9 ("holes found in review"): redirect targets, malformed form bodies,
 * NUL and control characters. Each test is named after what broke.
 */
class InputHardeningTest {
    @RegisterExtension
    static final TestServerExtension server = TestServerExtension.create();

    private static String form(String... pairs) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            s.append(i == 0 ? "" : "&").append(pairs[i]).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return s.toString();
    }

    /** Loads the login form and returns {nonce cookie value, nonce field value}. */
    private static String[] loginNonce() {
        RawHttp.Response page = server.http().get("/login").send();
        String cookie = page.cookies().stream().filter(c -> c.startsWith("tokend_login_nonce="))
                .map(c -> c.substring("tokend_login_nonce=".length(), c.indexOf(';'))).findFirst().orElseThrow();
        Matcher field = Pattern.compile("name=\"nonce\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(field.find()).isTrue();
        return new String[] {cookie, field.group(1)};
    }

    private static RawHttp.Response postForm(String path, String body, String nonceCookie) {
        RawHttp.Request r = server.http().post(path).header("Content-Type", "application/x-www-form-urlencoded")
                .body(body.getBytes(StandardCharsets.UTF_8));
        return (nonceCookie == null ? r : r.cookie("tokend_login_nonce", nonceCookie)).send();
    }

    /** No ERROR line (stack trace) was logged for the request that got {@code answer}. */
    private static void assertNoErrorLogged(LogCapture logs, RawHttp.Response answer) {
        String requestId = answer.header("X-Request-Id");
        assertThat(requestId).isNotBlank();
        assertThat(logs.lines()).noneMatch(line -> line.startsWith("ERROR") && line.contains(requestId));
    }

    // --- Redirect targets (issue 9, item 3) ---

    @ParameterizedTest
    @ValueSource(strings = {"/%09/evil.example", "/%0A/evil.example", "/%5Cevil.example", "//evil.example",
            "/%2F/evil.example", "https://evil.example", "javascript:alert(1)", "evil.example"})
    void loginPageRedirectWithTabOrBackslashNoLongerLeavesTheSite(String encodedTarget) {
        RawHttp.Response r = server.http().get("/login?redirect=" + encodedTarget)
                .cookie("coder_session_token", server.owner().token()).send();
        assertThat(r.status()).isEqualTo(303);
        assertThat(r.header("Location")).isEqualTo("/");
    }

    @Test
    void loginPageFormCarriesOnlyASanitizedRedirect() {
        RawHttp.Response r = server.http().get("/login?redirect=/%09/evil.example").send();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("name=\"redirect\" value=\"/\"").doesNotContain("evil.example");
        RawHttp.Response kept = server.http().get("/login?redirect=/cli-auth%3Fx%3D1").send();
        assertThat(kept.body()).contains("name=\"redirect\" value=\"/cli-auth?x=1\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/\t/evil.example", "/\r\n/evil.example", "/\\evil.example", "/%2F/evil.example",
            "http:evil.example"})
    void loginFormRedirectFieldWithControlCharacterOrBackslashNoLongerLeavesTheSite(String target) {
        String[] nonce = loginNonce();
        RawHttp.Response r = postForm("/login", form("nonce", nonce[1], "email", server.owner().email(),
                "password", TestServer.PASSWORD, "redirect", target), nonce[0]);
        assertThat(r.status()).isEqualTo(303);
        assertThat(r.header("Location")).isEqualTo("/");
    }

    // --- Form bodies (issue 9, item 4) ---

    @Test
    void loginFormWithBadPercentEncodingIs400NotA500() {
        String[] nonce = loginNonce();
        try (LogCapture logs = LogCapture.capture()) {
            RawHttp.Response r = postForm("/login", "nonce=" + nonce[1] + "&email=%zz&password=x", nonce[0]);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.message()).isEqualTo("Request body must be a valid form.");
            assertThat(r.detail()).contains("\"email\"").contains("percent-encoding");
            assertThat(r.json().path("validations").get(0).path("field").asText()).isEqualTo("email");
            assertNoErrorLogged(logs, r);
        }
    }

    @Test
    void cliAuthFormWithBadPercentEncodingIs400NotA500() {
        try (LogCapture logs = LogCapture.capture()) {
            RawHttp.Response r = server.http().post("/cli-auth")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .sessionToken(server.owner().token())
                    .body("csrf_token=%".getBytes(StandardCharsets.US_ASCII)).send();
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.message()).isEqualTo("Request body must be a valid form.");
            assertThat(r.detail()).contains("\"csrf_token\"");
            assertNoErrorLogged(logs, r);
        }
    }

    @Test
    void loginFormWithNulInTheEmailIs400NotA500() {
        String[] nonce = loginNonce();
        try (LogCapture logs = LogCapture.capture()) {
            RawHttp.Response r = postForm("/login", "nonce=" + nonce[1] + "&email=a%00b&password=x", nonce[0]);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.detail()).contains("\"email\"").contains("NUL");
            assertNoErrorLogged(logs, r);
        }
    }

    // --- NUL and control characters (issue 9, item 7) ---

    private static RawHttp.Response createToken(String json) {
        return server.http().post("/api/v2/users/me/keys/tokens").sessionToken(server.owner().token()).json(json).send();
    }

    @Test
    void nulInAJsonStringIs400NamingTheFieldNotA500() {
        try (LogCapture logs = LogCapture.capture()) {
            RawHttp.Response r = createToken("{\"token_name\": \"a\\u0000b\"}");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.detail()).contains("\"token_name\"").contains("NUL");
            assertThat(r.json().path("validations").get(0).path("field").asText()).isEqualTo("token_name");
            assertNoErrorLogged(logs, r);
            RawHttp.Response nested = createToken("{\"allow_list\": [{\"type\": \"user\", \"id\": \"\\u0000\"}]}");
            assertThat(nested.status()).isEqualTo(400);
            assertThat(nested.detail()).contains("\"allow_list[0].id\"");
            RawHttp.Response key = server.http().post("/api/v2/users/login").json("{\"em\\u0000ail\": \"x\"}").send();
            assertThat(key.status()).isEqualTo(400);
            assertNoErrorLogged(logs, key);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v2/users/me/keys/tokens/%00", "/api/v2/users/me/keys/tokens/a%0Ab",
            "/api/v2/users/a%00b", "/api/v2/users/me/keys/%00/expire"})
    void nulOrControlInAPathParameterIs400NamingItNotA500(String path) {
        try (LogCapture logs = LogCapture.capture()) {
            RawHttp.Request request = path.endsWith("/expire") ? server.http().put(path) : server.http().get(path);
            RawHttp.Response r = request.sessionToken(server.owner().token()).send();
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.message()).isEqualTo("Path parameters have invalid values.");
            assertThat(r.detail()).containsAnyOf("\"keyname\"", "\"user\"", "\"keyid\"");
            assertNoErrorLogged(logs, r);
        }
    }

    @Test
    void nulInAQueryValueIs400NamingItNotA500() {
        try (LogCapture logs = LogCapture.capture()) {
            for (String path : new String[] {"/api/v2/users?q=a%00b", "/api/v2/audit?q=%00", "/api/v2/users?limit=1%00"}) {
                RawHttp.Response r = server.http().get(path).sessionToken(server.owner().token()).send();
                assertThat(r.status()).as(path).isEqualTo(400);
                assertThat(r.message()).isEqualTo("Query parameters have invalid values.");
                assertThat(r.json().path("validations").get(0).path("field").asText()).isIn("q", "limit");
                assertNoErrorLogged(logs, r);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"line\\nforged", "tab\\tname", "esc\\u001b[31m", "sep\\u2028"})
    void tokenNameWithAControlCharacterIsRefused(String escapedName) {
        RawHttp.Response r = createToken("{\"token_name\": \"" + escapedName + "\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.message()).isEqualTo("Failed to create API key.");
        assertThat(r.detail()).isEqualTo("Token name must not contain control characters.");
    }

    @Test
    void tokenNameOf2800CharactersIs400NotA500() {
        try (LogCapture logs = LogCapture.capture()) {
            RawHttp.Response r = createToken("{\"token_name\": \"" + "n".repeat(2_800) + "\"}");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.detail()).isEqualTo("Token name must be at most 128 characters.");
            assertNoErrorLogged(logs, r);
        }
        assertThat(createToken("{\"token_name\": \"" + "m".repeat(128) + "\"}").status()).isEqualTo(201);
    }

    @Test
    void usernameWithAControlCharacterIsRefused() {
        RawHttp.Response r = server.http().post("/api/v2/users").sessionToken(server.owner().token())
                .json("{\"email\": \"ctl@example.com\", \"username\": \"ab\\u0007c\", \"password\": \""
                        + TestServer.PASSWORD + "\", \"organization_ids\": [\"" + server.owner().organizationId() + "\"]}")
                .send();
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("validations").toString()).contains("username");
    }
}
