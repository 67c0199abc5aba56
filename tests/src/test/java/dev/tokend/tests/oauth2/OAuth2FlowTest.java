package dev.tokend.tests.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import dev.tokend.testkit.OAuth2Apps;
import dev.tokend.testkit.RawHttp;
import dev.tokend.testkit.TestServer;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole authorization-code flow end to end through the real server, with the Nimbus OAuth2
 * SDK as the client (discovery, authorization request with PKCE, code exchange, refresh, token
 * introspection and revocation) and an in-process browser signing the consent form.
 */
class OAuth2FlowTest {
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

    @Test
    void nimbusClientCompletesCodeFlowThenRefreshesIntrospectsAndRevokes() throws Exception {
        AuthorizationServerMetadata metadata = AuthorizationServerMetadata.resolve(new Issuer(server.url().toString()
                .replaceAll("/$", "")));
        OAuth2Apps.App app = OAuth2Support.confidentialApp(server, owner);
        TestServer.Account user = server.createUser(owner);
        ClientSecretBasic clientAuth = new ClientSecretBasic(new ClientID(app.clientId()), new Secret(app.secret()));
        URI redirect = URI.create(OAuth2Support.REDIRECT);
        URI resource = URI.create(server.url().toString().replaceAll("/$", ""));

        // 1. The app sends the browser to the authorization endpoint, with PKCE S256 and a state.
        CodeVerifier verifier = new CodeVerifier();
        State state = new State();
        URI authorize = new AuthorizationRequest.Builder(new ResponseType(ResponseType.Value.CODE),
                new ClientID(app.clientId()))
                .endpointURI(metadata.getAuthorizationEndpointURI())
                .redirectionURI(redirect).scope(new Scope("user:read")).state(state)
                .codeChallenge(verifier, CodeChallengeMethod.S256).resource(resource).build().toURI();

        // 2. The user approves on the consent page, which nobody may frame.
        RawHttp.Response page = OAuth2Support.consentPage(server, user, authorize.getRawPath() + "?"
                + authorize.getRawQuery());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.body()).contains(user.username()).contains("user:read");
        RawHttp.Response approved = OAuth2Support.submit(server, user, page, "approve");
        assertThat(approved.status()).isEqualTo(302);
        AuthorizationResponse response = AuthorizationResponse.parse(URI.create(approved.header("Location")));
        assertThat(response.indicatesSuccess()).isTrue();
        assertThat(response.getState()).isEqualTo(state);
        AuthorizationCode code = ((AuthorizationSuccessResponse) response).getAuthorizationCode();
        assertThat(code.getValue()).startsWith("tkdo_");

        // 3. The app exchanges the code (Basic client authentication, the verifier, the same redirect URI).
        TokenRequest exchange = new TokenRequest.Builder(metadata.getTokenEndpointURI(), clientAuth,
                new AuthorizationCodeGrant(code, redirect, verifier)).resource(resource).build();
        HTTPResponse exchanged = exchange.toHTTPRequest().send();
        assertThat(exchanged.getHeaderValue("Cache-Control")).isEqualTo("no-store");
        AccessTokenResponse tokens = TokenResponse.parse(exchanged).toSuccessResponse();
        AccessToken access = tokens.getTokens().getAccessToken();
        RefreshToken refresh = tokens.getTokens().getRefreshToken();
        assertThat(access.getValue()).startsWith("tkda_");
        assertThat(refresh.getValue()).startsWith("tkdr_");
        assertThat(access.getScope()).isEqualTo(new Scope("user:read"));
        assertThat(access.getLifetime()).isPositive();

        // 4. The access token is an API key of the user.
        RawHttp.Response me = server.http().get("/api/v2/users/me").bearer(access.getValue()).send();
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().path("username").asText()).isEqualTo(user.username());

        // 5. Refresh rotates: new tokens, the old access token is gone.
        AccessTokenResponse refreshed = TokenResponse.parse(new TokenRequest.Builder(metadata.getTokenEndpointURI(),
                clientAuth, new RefreshTokenGrant(refresh)).build().toHTTPRequest().send()).toSuccessResponse();
        AccessToken access2 = refreshed.getTokens().getAccessToken();
        assertThat(refreshed.getTokens().getRefreshToken()).isNotEqualTo(refresh);
        assertThat(server.http().get("/api/v2/users/me").bearer(access.getValue()).send().status()).isEqualTo(401);
        assertThat(server.http().get("/api/v2/users/me").bearer(access2.getValue()).send().status()).isEqualTo(200);

        // 6. Introspection (RFC 7662) describes the live token.
        TokenIntrospectionResponse introspected = TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(
                metadata.getIntrospectionEndpointURI(), clientAuth, access2).toHTTPRequest().send());
        TokenIntrospectionSuccessResponse info = introspected.toSuccessResponse();
        assertThat(info.isActive()).isTrue();
        assertThat(info.getScope()).isEqualTo(new Scope("user:read"));
        assertThat(info.getClientID()).isEqualTo(new ClientID(app.clientId()));
        assertThat(info.getUsername()).isEqualTo(user.username());

        // 7. Revocation (RFC 7009) of the refresh token revokes its family, access token included.
        HTTPResponse revoked = new TokenRevocationRequest(metadata.getRevocationEndpointURI(), clientAuth,
                refreshed.getTokens().getRefreshToken()).toHTTPRequest().send();
        assertThat(revoked.getStatusCode()).isEqualTo(200);
        assertThat(server.http().get("/api/v2/users/me").bearer(access2.getValue()).send().status()).isEqualTo(401);
        assertThat(TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(
                metadata.getIntrospectionEndpointURI(), clientAuth, access2).toHTTPRequest().send())
                .toSuccessResponse().isActive()).isFalse();
    }

    @Test
    void metadataListsExactlyWhatIsSupported() throws Exception {
        AuthorizationServerMetadata metadata = AuthorizationServerMetadata.resolve(new Issuer(server.url().toString()
                .replaceAll("/$", "")));
        assertThat(metadata.getResponseTypes()).containsExactly(ResponseType.CODE);
        assertThat(metadata.getCodeChallengeMethods()).containsExactly(CodeChallengeMethod.S256);
        assertThat(metadata.getGrantTypes()).extracting(Object::toString).containsExactlyInAnyOrder(
                "authorization_code", "refresh_token", "client_credentials",
                "urn:ietf:params:oauth:grant-type:device_code");
        assertThat(metadata.getRegistrationEndpointURI()).isNotNull();
        assertThat(metadata.getDeviceAuthorizationEndpointURI()).isNotNull();
        RawHttp.Response resource = server.http().get("/.well-known/oauth-protected-resource").send();
        assertThat(resource.json().path("bearer_methods_supported").toString()).isEqualTo("[\"header\"]");
        assertThat(resource.json().path("authorization_servers").get(0).asText())
                .isEqualTo(metadata.getIssuer().getValue());
    }

    @Test
    void machineEndpointsAnswerCorsForAnyOriginWithoutCredentialsAndTheRestDoNot() {
        RawHttp.Response preflight = server.http().method("OPTIONS", "/oauth2/tokens")
                .header("Origin", "https://mcp.example").header("Access-Control-Request-Method", "POST").send();
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(preflight.header("Access-Control-Allow-Headers")).contains("Mcp-Protocol-Version");
        assertThat(preflight.header("Access-Control-Allow-Credentials")).isNull();
        assertThat(server.http().get("/.well-known/oauth-authorization-server").header("Origin", "https://mcp.example")
                .send().header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(server.http().get("/api/v2/buildinfo").header("Origin", "https://mcp.example").send()
                .header("Access-Control-Allow-Origin")).isNull();
        assertThat(server.http().get("/oauth2/authorize").header("Origin", "https://mcp.example").send()
                .header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void tokenNegotiatedForUserReadReadsUsersMeAndNothingThatNeedsMore() {
        OAuth2Apps.App app = OAuth2Support.confidentialApp(server, owner);
        // The owner authorizes: even an owner's token carries only the negotiated scope.
        String code = OAuth2Support.code(server, owner, app.clientId(), java.util.Map.of());
        String access = OAuth2Support.exchange(server, app, code).path("access_token").asText();
        assertThat(server.http().get("/api/v2/users/me").bearer(access).send().status()).isEqualTo(200);
        assertThat(server.http().get("/api/v2/audit").bearer(access).send().status()).isEqualTo(403);
        assertThat(server.http().post("/api/v2/users/me/keys/tokens").bearer(access)
                .json(java.util.Map.of("token_name", TestServer.uniqueTokenName(), "scopes", List.of("user:read")))
                .send().status()).isIn(403, 404);
        assertThat(server.http().get("/api/v2/oauth2-provider/apps").bearer(access).send().status()).isEqualTo(403);
    }
}
