package dev.tokend.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokend.testkit.RawHttp;
import dev.tokend.testkit.TestServer;
import dev.tokend.testkit.TestServerExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** CSRF for cookie-authenticated state-changing requests (spec §3.5). */
class CsrfTest {
    @RegisterExtension
    static final TestServerExtension server = TestServerExtension.create();

    private static final String INVALID = "Something is wrong with your CSRF token. Please refresh the page. "
            + "If this error persists, try clearing your cookies.";


    /** Signs in through the API and returns {session token, csrf token} from the cookies. */
    private static String[] browserLogin() {
        RawHttp.Response login = server.http().post("/api/v2/users/login")
                .json(Map.of("email", server.owner().email(), "password", TestServer.PASSWORD)).send();
        String session = login.json().path("session_token").asText();
        String csrf = login.cookies().stream().filter(c -> c.startsWith("csrf_token=")).findFirst()
                .map(c -> c.substring("csrf_token=".length(), c.indexOf(';'))).orElseThrow();
        return new String[] {session, csrf};
    }

    @Test
    void cookieAuthenticatedPostWithoutCsrfTokenIsRejectedInPlainText() {
        String[] s = browserLogin();
        RawHttp.Response r = server.http().post("/api/v2/users/me/keys").cookie("coder_session_token", s[0]).send();
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().strip()).isEqualTo(INVALID);
        assertThat(r.header("Content-Type")).startsWith("text/plain");
    }

    @Test
    void cookieAuthenticatedPostWithTheSessionsCsrfTokenIsAccepted() {
        String[] s = browserLogin();
        RawHttp.Response r = server.http().post("/api/v2/users/me/keys").cookie("coder_session_token", s[0])
                .header("X-CSRF-TOKEN", s[1]).send();
        assertThat(r.status()).isEqualTo(201);
    }

    @Test
    void csrfTokenOfAnotherSessionIsRejected() {
        String[] a = browserLogin();
        String[] b = browserLogin();
        RawHttp.Response r = server.http().post("/api/v2/users/me/keys").cookie("coder_session_token", a[0])
                .header("X-CSRF-TOKEN", b[1]).send();
        assertThat(r.status()).isEqualTo(400);
    }

    @Test
    void sessionHeaderEqualToTheCookieExemptsTheRequest() {
        String[] s = browserLogin();
        RawHttp.Response r = server.http().post("/api/v2/users/me/keys").cookie("coder_session_token", s[0])
                .sessionToken(s[0]).send();
        assertThat(r.status()).isEqualTo(201);
    }

    @Test
    void sessionHeaderDifferentFromTheCookieIsAMismatch() {
        String[] s = browserLogin();
        RawHttp.Response r = server.http().post("/api/v2/users/me/keys").cookie("coder_session_token", s[0])
                .sessionToken(server.owner().token()).send();
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).startsWith("CSRF error encountered. Authentication via \"coder_session_token\" cookie "
                + "and \"Coder-Session-Token\" header detected, but the values do not match.");
    }

    @Test
    void bearerAuthorizationExemptsTheRequest() {
        String[] s = browserLogin();
        RawHttp.Response r = server.http().post("/api/v2/users/me/keys").cookie("coder_session_token", s[0])
                .bearer(s[0]).send();
        assertThat(r.status()).isEqualTo(201);
    }

    @Test
    void safeMethodsAndRequestsWithoutCookieNeedNoCsrfToken() {
        String[] s = browserLogin();
        assertThat(server.http().get("/api/v2/users/me").cookie("coder_session_token", s[0]).send().status()).isEqualTo(200);
        assertThat(server.http().post("/api/v2/users/me/keys").sessionToken(s[0]).send().status()).isEqualTo(201);
    }

    @Test
    void firstUserRouteIsExempt() {
        RawHttp.Response r = server.http().post("/api/v2/users/first").cookie("coder_session_token", server.owner().token())
                .json(Map.of("email", "x@example.com", "username", "x", "password", TestServer.PASSWORD)).send();
        assertThat(r.status()).isEqualTo(409); // reached the handler, not stopped by CSRF
    }
}
