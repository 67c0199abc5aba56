package dev.tokend.tests.oauth2;

import static dev.tokend.tests.oauth2.OAuth2Support.REDIRECT;
import static dev.tokend.tests.oauth2.OAuth2Support.VERIFIER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.tokend.testkit.OAuth2Apps;
import dev.tokend.testkit.RawHttp;
import dev.tokend.testkit.TestServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A second use of an authorization code (OAuth 2.1 §4.1.3, RFC 6749 §4.1.2) is refused, as the
 * reference refuses it, and revokes every token the first use issued: its access tokens and its
 * whole refresh-token family, on every replica.
 */
class OAuth2CodeReuseTest {
    private static final Duration PROPAGATION_BOUND = Duration.ofSeconds(5);

    private static TestServer server;
    private static TestServer replica;
    private static TestServer.Account owner;
    private static TestServer.Account user;
    private static OAuth2Apps.App app;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        replica = server.replica();
        owner = server.createFirstUser();
        user = server.createUser(owner);
        app = OAuth2Support.confidentialApp(server, owner);
    }

    @AfterAll
    static void stop() {
        replica.close();
        server.close();
    }

    private static RawHttp.Response exchangeRaw(String code, String verifier) {
        return OAuth2Apps.token(server, app, Map.of("grant_type", "authorization_code", "code", code,
                "code_verifier", verifier, "redirect_uri", REDIRECT));
    }

    private static RawHttp.Response refreshRaw(String token) {
        return OAuth2Apps.token(server, app, Map.of("grant_type", "refresh_token", "refresh_token", token));
    }

    private static int me(TestServer on, String accessToken) {
        return on.http().get("/api/v2/users/me").bearer(accessToken).send().status();
    }

    private static int reuseAudits() {
        return server.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM audit_logs WHERE "
                + "resource_type = 'oauth2_code' AND action = 'reuse' AND user_id = :u AND resource_id = :app")
                .bind("u", user.id()).bind("app", java.util.UUID.fromString(app.clientId())).mapTo(Integer.class)
                .one());
    }

    @Test
    void reusedCodeIsInvalidGrantAndRevokesTheAccessAndRefreshTokensOfItsFirstUse() throws Exception {
        AuthorizationServerMetadata metadata = AuthorizationServerMetadata.resolve(new Issuer(server.url().toString()
                .replaceAll("/$", "")));
        ClientSecretBasic clientAuth = new ClientSecretBasic(new ClientID(app.clientId()), new Secret(app.secret()));
        AuthorizationCode code = new AuthorizationCode(OAuth2Support.code(server, user, app.clientId(), Map.of()));
        AuthorizationGrant grant = new AuthorizationCodeGrant(code, URI.create(REDIRECT), new CodeVerifier(VERIFIER));
        int auditsBefore = reuseAudits();

        AccessTokenResponse first = TokenResponse.parse(new TokenRequest.Builder(metadata.getTokenEndpointURI(),
                clientAuth, grant).build().toHTTPRequest().send()).toSuccessResponse();
        String access = first.getTokens().getAccessToken().getValue();
        assertThat(me(server, access)).isEqualTo(200);

        TokenResponse second = TokenResponse.parse(new TokenRequest.Builder(metadata.getTokenEndpointURI(),
                clientAuth, grant).build().toHTTPRequest().send());
        assertThat(second.indicatesSuccess()).isFalse();
        TokenErrorResponse refused = second.toErrorResponse();
        assertThat(refused.getErrorObject().getCode()).isEqualTo(OAuth2Error.INVALID_GRANT.getCode());
        assertThat(refused.getErrorObject().getDescription()).isEqualTo("The authorization code is invalid or expired");

        assertThat(me(server, access)).isEqualTo(401);
        TokenResponse refreshed = TokenResponse.parse(new TokenRequest.Builder(metadata.getTokenEndpointURI(),
                clientAuth, new RefreshTokenGrant(first.getTokens().getRefreshToken())).build().toHTTPRequest().send());
        assertThat(refreshed.indicatesSuccess()).isFalse();
        assertThat(refreshed.toErrorResponse().getErrorObject().getCode())
                .isEqualTo(OAuth2Error.INVALID_GRANT.getCode());
        assertThat(reuseAudits()).isEqualTo(auditsBefore + 1);
    }

    @Test
    void reusedCodeAlsoRevokesTheTokensRefreshedFromItsFirstUse() {
        String code = OAuth2Support.code(server, user, app.clientId(), Map.of());
        JsonNode first = OAuth2Support.exchange(server, app, code);
        RawHttp.Response rotated = refreshRaw(first.path("refresh_token").asText());
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String access = rotated.json().path("access_token").asText();
        assertThat(me(server, access)).isEqualTo(200);

        RawHttp.Response reused = exchangeRaw(code, VERIFIER);
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.json().path("error").asText()).isEqualTo("invalid_grant");
        assertThat(me(server, access)).isEqualTo(401);
        assertThat(refreshRaw(rotated.json().path("refresh_token").asText()).status()).isEqualTo(400);
    }

    @Test
    void reuseWithoutTheCodesVerifierIsRefusedAndRevokesNothing() {
        String code = OAuth2Support.code(server, user, app.clientId(), Map.of());
        JsonNode first = OAuth2Support.exchange(server, app, code);
        int auditsBefore = reuseAudits();

        RawHttp.Response reused = exchangeRaw(code, VERIFIER.replace('d', 'e'));
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.json().path("error").asText()).isEqualTo("invalid_grant");
        // Someone who merely saw the used code cannot end the grant.
        assertThat(me(server, first.path("access_token").asText())).isEqualTo(200);
        assertThat(refreshRaw(first.path("refresh_token").asText()).status()).isEqualTo(200);
        assertThat(reuseAudits()).isEqualTo(auditsBefore);
    }

    @Test
    void reuseAfterANewConsentStillRevokesWhatTheOldCodeIssued() {
        String code = OAuth2Support.code(server, user, app.clientId(), Map.of());
        String access = OAuth2Support.exchange(server, app, code).path("access_token").asText();
        // A new consent replaces pending codes of (app, user), not the used one.
        String later = OAuth2Support.exchange(server, app, OAuth2Support.code(server, user, app.clientId(), Map.of()))
                .path("access_token").asText();
        assertThat(me(server, access)).isEqualTo(200);

        assertThat(exchangeRaw(code, VERIFIER).status()).isEqualTo(400);
        assertThat(me(server, access)).isEqualTo(401);
        assertThat(me(server, later)).isEqualTo(200); // another code, another family
    }

    @Test
    void twoSimultaneousExchangesOfOneCodeYieldOneSuccessWhoseTokensTheOtherRevokes() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String code = OAuth2Support.code(server, user, app.clientId(), Map.of());
                CyclicBarrier barrier = new CyclicBarrier(2);
                List<Future<RawHttp.Response>> answers = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    answers.add(pool.submit(() -> {
                        barrier.await(10, TimeUnit.SECONDS);
                        return exchangeRaw(code, VERIFIER);
                    }));
                }
                List<RawHttp.Response> responses = new ArrayList<>();
                for (Future<RawHttp.Response> answer : answers) {
                    responses.add(answer.get(30, TimeUnit.SECONDS));
                }
                List<RawHttp.Response> successes = responses.stream().filter(r -> r.status() == 200).toList();
                assertThat(successes).as("round %d", round).hasSizeLessThanOrEqualTo(1);
                assertThat(responses).extracting(RawHttp.Response::status).as("round %d", round)
                        .containsExactlyInAnyOrder(200, 400);
                // The loser saw a second use of the code: the winner's tokens are revoked too.
                String access = successes.getFirst().json().path("access_token").asText();
                assertThat(me(server, access)).as("round %d", round).isEqualTo(401);
                assertThat(refreshRaw(successes.getFirst().json().path("refresh_token").asText()).status())
                        .as("round %d", round).isEqualTo(400);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void codeReuseOnOneReplicaIsRefusedOnTheOther() {
        String code = OAuth2Support.code(server, user, app.clientId(), Map.of());
        String access = OAuth2Support.exchange(server, app, code).path("access_token").asText();
        // The other replica validates the token and caches it.
        assertThat(me(replica, access)).isEqualTo(200);
        assertThat(me(replica, access)).isEqualTo(200);

        assertThat(exchangeRaw(code, VERIFIER).status()).isEqualTo(400);
        long deadline = System.nanoTime() + PROPAGATION_BOUND.toNanos();
        int status;
        do {
            status = me(replica, access);
        } while (status != 401 && System.nanoTime() < deadline);
        assertThat(status).isEqualTo(401);
    }
}
