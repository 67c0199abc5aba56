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
}
