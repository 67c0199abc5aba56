package dev.tokend.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokend.testkit.RawHttp;
import dev.tokend.testkit.TestServer;
import dev.tokend.testkit.TestServerExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The optional and redirect-to-login variants of the authentication middleware (spec §3.1), seen
 * through the two HTML pages that use them: {@code /login} (optional) and {@code /cli-auth} (redirect).
 */
class MiddlewareVariantsTest {
    @RegisterExtension
    static final TestServerExtension server = TestServerExtension.create();

    private static final String SIGNED_OUT =
            "You are signed out or your session has expired. Please sign in again to continue.";


    private static String form(String... pairs) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            s.append(i == 0 ? "" : "&").append(pairs[i]).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return s.toString();
    }

    @Test
    void redirectVariantSendsAnonymousBrowsersToLoginAndBack() {
        RawHttp.Response r = server.http().get("/cli-auth?x=1").send();
        assertThat(r.status()).isEqualTo(303);
        assertThat(r.header("Location")).isEqualTo("/login?message="
                + URLEncoder.encode(SIGNED_OUT, StandardCharsets.UTF_8) + "&redirect="
                + URLEncoder.encode("/cli-auth?x=1", StandardCharsets.UTF_8));
        assertThat(r.header("WWW-Authenticate")).isNull();
        assertThat(server.http().get("/cli-auth").cookie("coder_session_token", "garbage").send().status()).isEqualTo(303);
    }

    @Test
    void cliAuthMintsAKeyOnceWithItsOwnCsrfField() {
        RawHttp.Response page = server.http().get("/cli-auth").cookie("coder_session_token", server.owner().token()).send();
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(server.owner().username());
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        Matcher m = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(m.find()).isTrue();

        RawHttp.Response noCsrf = server.http().post("/cli-auth").cookie("coder_session_token", server.owner().token())
                .header("Content-Type", "application/x-www-form-urlencoded").body(new byte[0]).send();
        assertThat(noCsrf.status()).isEqualTo(400);

        RawHttp.Response minted = server.http().post("/cli-auth").cookie("coder_session_token", server.owner().token())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(form("csrf_token", m.group(1)).getBytes(StandardCharsets.UTF_8)).send();
        assertThat(minted.status()).isEqualTo(201);
        Matcher key = Pattern.compile("<code id=\"key\">([^<]+)</code>").matcher(minted.body());
        assertThat(key.find()).isTrue();
        assertThat(server.client(key.group(1)).me().id()).isEqualTo(server.owner().id());
    }

    @Test
    void optionalVariantLetsAnonymousAndInvalidKeysThrough() {
        RawHttp.Response anonymous = server.http().get("/login").send();
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.body()).contains("<form method=\"post\" action=\"/login\">");
        RawHttp.Response invalid = server.http().get("/login").cookie("coder_session_token", "garbage").send();
        assertThat(invalid.status()).isEqualTo(200);
        RawHttp.Response signedIn = server.http().get("/login?redirect=/cli-auth")
                .cookie("coder_session_token", server.owner().token()).send();
        assertThat(signedIn.status()).isEqualTo(303);
        assertThat(signedIn.header("Location")).isEqualTo("/cli-auth");
    }

    @Test
    void optionalVariantStillReportsAnInactiveUser() {
        TestServer.Account member = server.createUser(server.owner());
        server.owner().client().suspendUser(member.id().toString());
        RawHttp.Response r = server.http().get("/login").cookie("coder_session_token", member.token()).send();
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.message()).startsWith("User is not active");
    }

    /** Loads the login form and returns {nonce cookie value, nonce field value}. */
    private static String[] loginForm() {
        RawHttp.Response page = server.http().get("/login").send();
        String cookie = page.cookies().stream().filter(c -> c.startsWith("tokend_login_nonce="))
                .map(c -> c.substring("tokend_login_nonce=".length(), c.indexOf(';'))).findFirst().orElseThrow();
        assertThat(page.cookies()).anySatisfy(c -> assertThat(c).startsWith("tokend_login_nonce=")
                .containsIgnoringCase("SameSite=Strict").containsIgnoringCase("HttpOnly").contains("Path=/login"));
        Matcher field = Pattern.compile("name=\"nonce\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(field.find()).isTrue();
        return new String[] {cookie, field.group(1)};
    }

    private static RawHttp.Response postLogin(String cookieNonce, String... fields) {
        RawHttp.Request r = server.http().post("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .body(form(fields).getBytes(StandardCharsets.UTF_8));
        return (cookieNonce == null ? r : r.cookie("tokend_login_nonce", cookieNonce)).send();
    }

    @Test
    void loginFormSignsInAndRedirectsOnlyWithinTheSite() {
        String[] nonce = loginForm();
        RawHttp.Response ok = postLogin(nonce[0], "nonce", nonce[1], "email", server.owner().email(),
                "password", TestServer.PASSWORD, "redirect", "/cli-auth");
        assertThat(ok.status()).isEqualTo(303);
        assertThat(ok.header("Location")).isEqualTo("/cli-auth");
        assertThat(ok.cookies()).anySatisfy(c -> assertThat(c).startsWith("coder_session_token=tkds_"));

        nonce = loginForm();
        RawHttp.Response offsite = postLogin(nonce[0], "nonce", nonce[1], "email", server.owner().email(),
                "password", TestServer.PASSWORD, "redirect", "//evil.example");
        assertThat(offsite.header("Location")).isEqualTo("/");

        nonce = loginForm();
        RawHttp.Response wrong = postLogin(nonce[0], "nonce", nonce[1], "email", server.owner().email(),
                "password", "WrongPassword!1");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).contains("Incorrect email or password.");
        assertThat(wrong.cookies()).noneMatch(c -> c.startsWith("coder_session_token="));
    }

    /** A forged cross-site form cannot send the SameSite=Strict nonce cookie: no session for it. */
    @Test
    void loginFormWithoutItsNonceIsRefused() {
        String[] nonce = loginForm();
        for (RawHttp.Response forged : new RawHttp.Response[] {
            postLogin(null, "nonce", nonce[1], "email", server.owner().email(), "password", TestServer.PASSWORD),
            postLogin(nonce[0], "email", server.owner().email(), "password", TestServer.PASSWORD),
            postLogin(nonce[0], "nonce", loginForm()[1], "email", server.owner().email(), "password", TestServer.PASSWORD)}) {
            assertThat(forged.status()).isEqualTo(400);
            assertThat(forged.body()).contains("Something is wrong with your CSRF token.");
            assertThat(forged.cookies()).noneMatch(c -> c.startsWith("coder_session_token="));
        }
    }
}
