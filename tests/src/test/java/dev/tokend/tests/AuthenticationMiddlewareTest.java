package dev.tokend.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokend.server.auth.ParseResult;
import dev.tokend.server.auth.TokenFormat;
import dev.tokend.server.auth.TokenKind;
import dev.tokend.testkit.DbGen;
import dev.tokend.testkit.LogCapture;
import dev.tokend.testkit.RawHttp;
import dev.tokend.testkit.TestServer;
import dev.tokend.testkit.TestServerExtension;
import dev.tokend.testkit.Tokens;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Spec §3.2–3.4 through the real server: every error class, every extraction source, precedence. */
class AuthenticationMiddlewareTest {
    @RegisterExtension
    static final TestServerExtension server = TestServerExtension.create();

    private static final String SIGNED_OUT =
            "You are signed out or your session has expired. Please sign in again to continue.";
    private static final String ME = "/api/v2/users/me";


    @Test
    void noTokenThen401WithSignedOutMessageAndChallenge() {
        RawHttp.Response r = server.http().get(ME).send();
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.message()).isEqualTo(SIGNED_OUT);
        assertThat(r.detail()).isEqualTo("Cookie \"coder_session_token\" or query parameter must be provided.");
        assertThat(r.header("WWW-Authenticate"))
                .startsWith("Bearer realm=\"coder\", error=\"invalid_token\"")
                .contains("error_description=\"The access token is invalid\"")
                .contains("resource_metadata=\"" + server.url() + "/.well-known/oauth-protected-resource\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "abc-def", "tkdx_0123456789_0123456789012345678901234567",
        "tkds_012345678_01234567890123456789012345678", "tkds_0123456789_012345678901234567890123456789"})
    void malformedTokenThen401BeforeAnyLookup(String token) {
        RawHttp.Response r = server.http().get(ME).sessionToken(token).send();
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.message()).isEqualTo(SIGNED_OUT);
        assertThat(r.detail()).startsWith("Invalid API key format: ");
    }

    @Test
    void tokenWithWrongChecksumThen401Malformed() {
        String token = server.owner().token();
        char last = token.charAt(token.length() - 1);
        String mutated = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        RawHttp.Response r = server.http().get(ME).sessionToken(mutated).send();
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.detail()).startsWith("Invalid API key format: ");
    }

    @Test
    void wellFormedTokenForUnknownIdThen401Invalid() {
        String token = TokenFormat.generate(TokenKind.SESSION, new java.security.SecureRandom()).token();
        RawHttp.Response r = server.http().get(ME).sessionToken(token).send();
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.detail()).isEqualTo("API key is invalid.");
    }

    @Test
    void rightIdWrongSecretThen401SecretInvalid() {
        ParseResult.Valid valid = Tokens.valid(server.owner().token());
        String otherSecret = Tokens.secretOf(TokenFormat.generate(TokenKind.SESSION, new java.security.SecureRandom()).token());
        String forged = TokenFormat.assemble(TokenKind.SESSION, valid.id(), otherSecret);
        RawHttp.Response r = server.http().get(ME).sessionToken(forged).send();
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.detail()).isEqualTo("API key secret is invalid.");
    }

    @Test
    void prefixOfAnotherKindThen401EvenWithTheRightSecret() {
        ParseResult.Valid valid = Tokens.valid(server.owner().token());
        String swapped = TokenFormat.assemble(TokenKind.API_TOKEN, valid.id(), valid.secret());
        RawHttp.Response r = server.http().get(ME).sessionToken(swapped).send();
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.detail()).isEqualTo("API key is invalid.");
    }

    @Test
    void expiredKeyThen401ExpiredWithExpiredChallenge() {
        var minted = server.dbGen().apiKey(server.owner().id()).lifetime(Duration.ofHours(2)).sliding(false).insert();
        assertThat(server.http().get(ME).sessionToken(minted.token()).send().status()).isEqualTo(200);
        server.clock().advance(Duration.ofHours(2));
        // expires_at == now is still valid (spec §3.2 step 5) ...
        assertThat(server.http().get(ME).sessionToken(minted.token()).send().status()).isEqualTo(200);
        server.clock().advance(Duration.ofSeconds(1));
        // ... one second later it is not.
        RawHttp.Response r = server.http().get(ME).sessionToken(minted.token()).send();
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.message()).isEqualTo(SIGNED_OUT);
        assertThat(r.detail()).startsWith("API key expired at \"");
        assertThat(r.header("WWW-Authenticate")).contains("error_description=\"The access token has expired\"");
    }

    @Test
    void eachSourceAuthenticates() {
        String token = server.freshSession(server.owner()).token();
        assertThat(server.http().get(ME).cookie("coder_session_token", token).send().status()).isEqualTo(200);
        assertThat(server.http().get(ME + "?coder_session_token=" + token).send().status()).isEqualTo(200);
        assertThat(server.http().get(ME).sessionToken(token).send().status()).isEqualTo(200);
        assertThat(server.http().get(ME).bearer(token).send().status()).isEqualTo(200);
        assertThat(server.http().get(ME).header("Authorization", "bEaReR   " + token + "  ").send().status()).isEqualTo(200);
        assertThat(server.http().get(ME + "?access_token=" + token).send().status()).isEqualTo(200);
    }

    @Test
    void firstNonEmptySourceWinsWithoutFallback() {
        String good = server.freshSession(server.owner()).token();
        String bad = "not-a-token";
        // cookie beats query, header, bearer, access_token
        assertThat(server.http().get(ME + "?coder_session_token=" + good + "&access_token=" + good)
                .cookie("coder_session_token", bad).sessionToken(good).bearer(good).send().status()).isEqualTo(401);
        // query beats header
        assertThat(server.http().get(ME + "?coder_session_token=" + bad).sessionToken(good).send().status()).isEqualTo(401);
        // header beats bearer
        assertThat(server.http().get(ME).sessionToken(bad).bearer(good).send().status()).isEqualTo(401);
        // bearer beats access_token
        assertThat(server.http().get(ME + "?access_token=" + good).bearer(bad).send().status()).isEqualTo(401);
        // an empty source is skipped
        assertThat(server.http().get(ME + "?coder_session_token=").sessionToken(good).send().status()).isEqualTo(200);
    }

    @Test
    void suspendedUserThen401NotActiveWithoutDetail() {
        TestServer.Account admin = server.freshSession(server.owner());
        TestServer.Account member = server.createUser(admin);
        admin.client().suspendUser(member.id().toString());
        RawHttp.Response r = server.http().get(ME).sessionToken(member.token()).send();
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.message())
                .isEqualTo("User is not active (status = \"suspended\"). Contact an admin to reactivate your account.");
        assertThat(r.json().has("detail")).isFalse();
        assertThat(r.header("WWW-Authenticate")).contains("error_description=\"The access token is invalid\"");
        admin.client().activateUser(member.id().toString());
        assertThat(server.http().get(ME).sessionToken(member.token()).send().status()).isEqualTo(200);
    }

    @Test
    void dormantUserBecomesActiveOnFirstAuthenticatedUse() {
        TestServer.Account admin = server.freshSession(server.owner());
        TestServer.Account member = server.createUser(admin);
        server.jdbi().useHandle(h -> h.execute("UPDATE users SET status = 'dormant' WHERE id = ?", member.id()));
        RawHttp.Response r = server.http().get(ME).sessionToken(member.token()).send();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("status").asText()).isEqualTo("active");
        assertThat(admin.client().user(member.id().toString()).status()).isEqualTo("active");
    }

    @Test
    void requestLogCarriesUserAndKeyIdsAndRequestIdHeader() throws InterruptedException {
        TestServer.Account session = server.freshSession(server.owner());
        String keyId = Tokens.idOf(session.token());
        try (LogCapture logs = LogCapture.capture()) {
            RawHttp.Response r = server.http().get(ME).sessionToken(session.token()).send();
            String requestId = r.header("X-Request-Id");
            assertThat(requestId).matches("[0-9a-f-]{36}");
            // The server writes the request's line just after the client has the answer.
            String line = logs.await(l -> l.contains("request_id=" + requestId), Duration.ofSeconds(10))
                    .orElseThrow(() -> new AssertionError("no request log line for " + requestId));
            assertThat(line).contains("user_id=" + server.owner().id()).contains("api_key_id=" + keyId)
                    .contains("route=/api/v2/users/{user}").contains("status=200")
                    .doesNotContain(session.token());
        }
    }
}
