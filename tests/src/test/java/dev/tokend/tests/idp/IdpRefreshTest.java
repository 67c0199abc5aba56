package dev.tokend.tests.idp;

import static dev.tokend.tests.idp.IdpOidcLoginTest.claims;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokend.server.IdpOptions;
import dev.tokend.testkit.RawHttp;
import dev.tokend.testkit.TestServer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** IdP token refresh during key validation (reference §B) with tokend's per-link serialisation (issue 12). */
class IdpRefreshTest {
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

    static TestServer server(MockOAuth2Server provider, String issuer) {
        IdpOptions.Oidc oidc = IdpOptions.Oidc.of(URI.create(provider.issuerUrl(issuer).toString()),
                IdpOidcLoginTest.CLIENT_ID, "client-secret");
        return TestServer.start(o -> o.withIdp(IdpOptions.none().withOidc(oidc)));
    }

    static String signIn(MockOAuth2Server provider, TestServer server, String issuer, String sub, long expiry) {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(issuer, sub, "JWT",
                List.of(IdpOidcLoginTest.CLIENT_ID), claims("email", sub + "@example.com"), expiry));
        Browser b = new Browser();
        Browser.Step s1 = b.get(server.url().resolve("/api/v2/users/oidc/callback"));
        Browser.Step s2 = b.get(URI.create(s1.location()));
        Browser.Step s3 = b.get(URI.create(s2.location()));
        assertThat(s3.status()).as(s3.body()).isEqualTo(307);
        return b.cookie(server.url(), "coder_session_token");
    }

    static RawHttp.Response me(TestServer server, String token) {
        return server.http().get("/api/v2/users/me").sessionToken(token).send();
    }

    static Instant linkExpiry(TestServer server) {
        return server.jdbi().withHandle(h -> h.createQuery("SELECT oauth_expiry FROM user_links")
                .mapTo(OffsetDateTime.class).one()).toInstant();
    }

    static String refreshToken(TestServer server) {
        return server.jdbi().withHandle(h -> h.createQuery("SELECT oauth_refresh_token FROM user_links")
                .mapTo(String.class).one());
    }

    static String accessToken(TestServer server) {
        return server.jdbi().withHandle(h -> h.createQuery("SELECT oauth_access_token FROM user_links")
                .mapTo(String.class).one());
    }

    static Instant keyExpiry(TestServer server) {
        return server.jdbi().withHandle(h -> h.createQuery("SELECT expires_at FROM api_keys WHERE login_type = 'oidc'")
                .mapTo(OffsetDateTime.class).one()).toInstant();
    }

    static double counter(TestServer server, String outcome) {
        var c = server.server().metrics().find("tokend_idp_refreshes").tag("outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void expiredIdpTokenIsRefreshedDuringValidationAndTheSessionSlides() {
        String issuer = IdpOidcLoginTest.newIssuer();
        try (TestServer server = server(idp, issuer)) {
            String token = signIn(idp, server, issuer, "refresh-me", 3600);
            Instant firstLinkExpiry = linkExpiry(server);
            String firstRefresh = refreshToken(server);
            String firstAccess = accessToken(server);
            Instant firstKeyExpiry = keyExpiry(server);
            assertThat(me(server, token).status()).isEqualTo(200);
            assertThat(counter(server, "refreshed")).isZero(); // not yet expired
            Instant now = server.clock().advance(Duration.ofHours(2));
            RawHttp.Response r = me(server, token);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(counter(server, "refreshed")).isEqualTo(1);
            assertThat(linkExpiry(server)).isAfter(firstLinkExpiry).isAfter(now);
            // This provider keeps the refresh token; a response without one keeps the old one too.
            assertThat(refreshToken(server)).isEqualTo(firstRefresh);
            assertThat(accessToken(server)).isNotEqualTo(firstAccess);
            // The session slides like a password session (at most L-1h left → now + L), written behind the response.
            server.server().flushUsage();
            assertThat(keyExpiry(server)).isAfter(firstKeyExpiry);
        }
    }

    @Test
    void tokensAreEncryptedAtRestWhenAKeyIsGivenAndStillRefresh() {
        String issuer = IdpOidcLoginTest.newIssuer();
        String key = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        IdpOptions.Oidc oidc = IdpOptions.Oidc.of(URI.create(idp.issuerUrl(issuer).toString()),
                IdpOidcLoginTest.CLIENT_ID, "client-secret");
        try (TestServer server = TestServer.start(o -> o.withIdp(IdpOptions.none().withOidc(oidc)
                .withTokenEncryptionKeys(List.of(key))))) {
            String token = signIn(idp, server, issuer, "sealed", 60);
            assertThat(accessToken(server)).doesNotStartWith("ey"); // not the JWT the IdP issued
            String keyId = server.jdbi().withHandle(h -> h.createQuery(
                    "SELECT oauth_access_token_key_id FROM user_links").mapTo(String.class).one());
            assertThat(keyId).hasSize(8);
            server.clock().advance(Duration.ofMinutes(5));
            assertThat(me(server, token).status()).isEqualTo(200);
            assertThat(counter(server, "refreshed")).isEqualTo(1);
        }
    }

    @Test
    void zeroExpiryNeverRefreshes() {
        String issuer = IdpOidcLoginTest.newIssuer();
        try (TestServer server = server(idp, issuer)) {
            String token = signIn(idp, server, issuer, "zero", 3600);
            server.jdbi().useHandle(h -> h.execute("UPDATE user_links SET oauth_expiry = '0001-01-01 00:00:00+00'"));
            server.clock().advance(Duration.ofHours(5));
            assertThat(me(server, token).status()).isEqualTo(200);
            assertThat(counter(server, "refreshed")).isZero();
        }
    }

    @Test
    void failedRefreshIsA401WithTheReferenceText() {
        MockOAuth2Server own = new MockOAuth2Server();
        own.start();
        String issuer = IdpOidcLoginTest.newIssuer();
        try (TestServer server = server(own, issuer)) {
            String token = signIn(own, server, issuer, "doomed", 60);
            own.shutdown(); // the IdP is gone: the refresh fails
            server.clock().advance(Duration.ofMinutes(5));
            RawHttp.Response r = me(server, token);
            assertThat(r.status()).as(r.body()).isEqualTo(401);
            assertThat(r.message()).isEqualTo("Could not refresh expired OpenID Connect token. Try re-authenticating "
                    + "to resolve this issue.");
            assertThat(r.detail()).isNotBlank();
            assertThat(r.header("WWW-Authenticate")).contains("The access token has expired");
        }
    }

    @Test
    void expiredLinkWithoutRefreshTokenSaysTheSessionExpired() {
        String issuer = IdpOidcLoginTest.newIssuer();
        try (TestServer server = server(idp, issuer)) {
            String token = signIn(idp, server, issuer, "norefresh", 3600);
            server.jdbi().useHandle(h -> h.execute("UPDATE user_links SET oauth_refresh_token = '', "
                    + "oauth_expiry = '2025-08-31 12:00:00+00'"));
            RawHttp.Response r = me(server, token);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.detail()).isEqualTo("OpenID Connect session expired at \"2025-08-31 12:00:00 +0000 UTC\". "
                    + "Try signing in again.");
        }
    }

    @Test
    void missingLinkIsSignedOutAndMissingIdpConfigIsTheDocumented500() {
        String issuer = IdpOidcLoginTest.newIssuer();
        try (TestServer server = server(idp, issuer)) {
            String token = signIn(idp, server, issuer, "nolink", 3600);
            // A github session on a deployment without GitHub, with an expired link.
            server.jdbi().useHandle(h -> h.execute("UPDATE user_links SET login_type = 'github', oauth_expiry = "
                    + "'2025-01-01 00:00:00+00'"));
            server.jdbi().useHandle(h -> h.execute("UPDATE api_keys SET login_type = 'github'"));
            RawHttp.Response r = me(server, token);
            assertThat(r.status()).as(r.body()).isEqualTo(500);
            assertThat(r.detail()).isEqualTo("Unable to refresh OAuth token for login type \"github\". OAuth2Config "
                    + "not provided. Contact an administrator to configure this login type.");
            server.jdbi().useHandle(h -> h.execute("DELETE FROM user_links"));
            RawHttp.Response gone = me(server, token);
            assertThat(gone.status()).isEqualTo(401);
            assertThat(gone.detail()).isEqualTo("You must re-authenticate with the login provider.");
        }
    }

    @Test
    void concurrentRequestsWithTheSameExpiredLinkRefreshOnce() throws Exception {
        String issuer = IdpOidcLoginTest.newIssuer();
        try (TestServer server = server(idp, issuer)) {
            String token = signIn(idp, server, issuer, "racer", 60);
            server.clock().advance(Duration.ofMinutes(5));
            int n = 8;
            ExecutorService pool = Executors.newFixedThreadPool(n);
            try {
                List<Callable<Integer>> calls = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    calls.add(() -> me(server, token).status());
                }
                for (Future<Integer> f : pool.invokeAll(calls)) {
                    assertThat(f.get()).isEqualTo(200);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(counter(server, "refreshed")).isEqualTo(1);
        }
    }
}
