package dev.tokend.tests.idp;

import static dev.tokend.tests.idp.IdpOidcLoginTest.CLIENT_ID;
import static dev.tokend.tests.idp.IdpOidcLoginTest.claims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import dev.tokend.server.IdpOptions;
import dev.tokend.server.Server;
import dev.tokend.testkit.TestServer;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.mockwebserver.RecordedRequest;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code private_key_jwt} client authentication (RFC 7523 §2.2, reference §A.2) through the real
 * server against {@code mock-oauth2-server}: with {@code --oidc-client-key-file} and
 * {@code --oidc-client-cert-file} instead of a secret, the sign-in works and every token request
 * (code exchange and refresh) carries a fresh RS256 assertion signed by the key. The provider does
 * not check assertions on these grants, so the test reads them from its recorded requests.
 */
class IdpOidcPrivateKeyJwtTest {
    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    static MockOAuth2Server idp;
    @TempDir
    static Path dir;
    static KeyPair pair;
    static X509Certificate cert;
    static Path keyFile;
    static Path certFile;

    @BeforeAll
    static void startIdpAndMakeTheClientKey() throws Exception {
        idp = new MockOAuth2Server();
        idp.start();
        pair = rsaKeyPair();
        cert = selfSigned(pair);
        keyFile = pem(dir.resolve("client.key"), "PRIVATE KEY", pair.getPrivate().getEncoded());
        certFile = pem(dir.resolve("client.crt"), "CERTIFICATE", cert.getEncoded());
    }

    @AfterAll
    static void stopIdp() {
        idp.shutdown();
    }

    static IdpOptions.Oidc oidc(String issuer, Path key, Path certificate) {
        return IdpOptions.Oidc.of(URI.create(idp.issuerUrl(issuer).toString()), CLIENT_ID, "")
                .withClientKey(key, certificate);
    }

    /** Queues the next sign-in at {@code issuer}: {@code sub}, an email, tokens valid an hour. */
    static void nextUser(String issuer, String sub) {
        idp.enqueueCallback(new DefaultOAuth2TokenCallback(issuer, sub, "JWT", List.of(CLIENT_ID),
                claims("email", sub + "@example.com"), 3600));
    }

    @Test
    void signInWithAClientKeySendsAnRs256AssertionAndNoSecret() throws Exception {
        String issuer = IdpOidcLoginTest.newIssuer();
        try (TestServer server = TestServer.start(o -> o.withIdp(IdpOptions.none()
                .withOidc(oidc(issuer, keyFile, certFile))))) {
            nextUser(issuer, "pk-sub");
            IdpOidcLoginTest.Flow flow = IdpOidcLoginTest.signIn(server, new Browser(), "/");
            assertThat(flow.callback().status()).as(flow.callback().body()).isEqualTo(307);
            assertThat(IdpOidcLoginTest.me(server, flow.token()).get("login_type").asText()).isEqualTo("oidc");

            RecordedRequest exchange = nextTokenRequest(issuer);
            Map<String, List<String>> form = URLUtils.parseParameters(exchange.getBody().readUtf8());
            assertThat(form.get("grant_type")).containsExactly("authorization_code");
            SignedJWT first = assertion(exchange, form, issuer, server.clock().instant());

            // RFC 7523 §3 (7): the jti is fresh per assertion, so a provider may refuse replays.
            nextUser(issuer, "pk-sub");
            assertThat(IdpOidcLoginTest.signIn(server, new Browser(), "/").callback().status()).isEqualTo(307);
            RecordedRequest again = nextTokenRequest(issuer);
            SignedJWT second = assertion(again, URLUtils.parseParameters(again.getBody().readUtf8()), issuer,
                    server.clock().instant());
            assertThat(second.getJWTClaimsSet().getJWTID()).isNotEqualTo(first.getJWTClaimsSet().getJWTID());
        }
    }

    @Test
    void refreshOfAnExpiredIdpTokenAuthenticatesWithAnAssertionAtTheServersClock() throws Exception {
        String issuer = IdpOidcLoginTest.newIssuer();
        try (TestServer server = TestServer.start(o -> o.withIdp(IdpOptions.none()
                .withOidc(oidc(issuer, keyFile, certFile))))) {
            nextUser(issuer, "rf-sub");
            IdpOidcLoginTest.Flow flow = IdpOidcLoginTest.signIn(server, new Browser(), "/");
            assertThat(flow.callback().status()).as(flow.callback().body()).isEqualTo(307);
            nextTokenRequest(issuer); // the code exchange
            Instant later = server.clock().advance(Duration.ofHours(2)); // past the IdP token's hour
            assertThat(IdpRefreshTest.me(server, flow.token()).status()).isEqualTo(200);

            RecordedRequest refresh = nextTokenRequest(issuer);
            Map<String, List<String>> form = URLUtils.parseParameters(refresh.getBody().readUtf8());
            assertThat(form.get("grant_type")).containsExactly("refresh_token");
            assertThat(form.get("refresh_token")).isNotEmpty();
            assertion(refresh, form, issuer, later);
        }
    }

    /** Key and certificate files as operators get them wrong, and the start-up message for each. */
    static Stream<Arguments> badFiles() throws Exception {
        KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();
        byte[] pkcs1 = PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded()).parsePrivateKey()
                .toASN1Primitive().getEncoded();
        Path pkcs1File = pem(dir.resolve("pkcs1.key"), "RSA PRIVATE KEY", pkcs1);
        Path ecFile = pem(dir.resolve("ec.key"), "PRIVATE KEY", ec.getPrivate().getEncoded());
        Path text = Files.writeString(dir.resolve("text.key"), "not a key\n");
        Path missing = dir.resolve("missing.key");
        String want = "; want a PKCS#8 PEM RSA private key (-----BEGIN PRIVATE KEY-----)";
        return Stream.of(
                Arguments.of("PKCS#1 RSA key", pkcs1File, certFile, "read --oidc-client-key-file " + pkcs1File
                        + ": a \"RSA PRIVATE KEY\" block" + want
                        + "; convert it with: openssl pkcs8 -topk8 -nocrypt -in <file>"),
                Arguments.of("PKCS#8 EC key", ecFile, certFile,
                        "read --oidc-client-key-file " + ecFile + ": not an RSA key, or damaged" + want),
                Arguments.of("certificate as key", certFile, certFile,
                        "read --oidc-client-key-file " + certFile + ": a \"CERTIFICATE\" block" + want
                        + "; convert it with: openssl pkcs8 -topk8 -nocrypt -in <file>"),
                Arguments.of("key not PEM", text, certFile, "read --oidc-client-key-file " + text + ": not PEM" + want),
                Arguments.of("key missing", missing, certFile,
                        "read --oidc-client-key-file " + missing + ": no such file"),
                Arguments.of("key as certificate", keyFile, keyFile, "read --oidc-client-cert-file " + keyFile
                        + ": not a PEM X.509 certificate (-----BEGIN CERTIFICATE-----)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badKeyOrCertificateFileThenStartupFailsNamingTheFlagTheFileAndTheProblem(String what, Path key,
            Path certificate, String message) {
        IdpOptions.Oidc oidc = oidc(IdpOidcLoginTest.newIssuer(), key, certificate);
        assertThatThrownBy(() -> TestServer.start(o -> o.withIdp(IdpOptions.none().withOidc(oidc))))
                .isInstanceOf(Server.StartupException.class)
                .hasMessage(message);
    }

    /**
     * Checks the token request's client authentication and returns its assertion: the form has the
     * RFC 7523 §2.2 pair and no secret (neither in the form nor as HTTP Basic), and the JWT is the one
     * reference §A.2 specifies, signed by the configured key, at the server's instant {@code now}.
     */
    static SignedJWT assertion(RecordedRequest request, Map<String, List<String>> form, String issuer, Instant now)
            throws Exception {
        assertThat(form.get("client_assertion_type")).containsExactly(JWT_BEARER);
        assertThat(form).doesNotContainKey("client_secret");
        assertThat(request.getHeader("Authorization")).isNull();
        assertThat(form.get("client_assertion")).hasSize(1);
        SignedJWT jwt = SignedJWT.parse(form.get("client_assertion").get(0));
        assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) cert.getPublicKey()))).isTrue();
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        // NOTE: reference §A.2 sends x5t in standard base64 (padded, '+' and '/'), not the base64url of
        // RFC 7515 §4.1.7; a 20-byte SHA-1 always ends in '=' in standard base64, so this tells them apart.
        assertThat(jwt.getHeader().toJSONObject().get("x5t")).isEqualTo(
                Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(cert.getEncoded())));
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(CLIENT_ID);
        assertThat(claims.getSubject()).isEqualTo(CLIENT_ID);
        assertThat(claims.getAudience()).containsExactly(idp.tokenEndpointUrl(issuer).toString());
        Instant seconds = now.truncatedTo(ChronoUnit.SECONDS); // JWT dates are whole seconds
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(seconds);
        assertThat(claims.getNotBeforeTime().toInstant()).isEqualTo(seconds);
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(seconds.plus(Duration.ofMinutes(5)));
        assertThat(UUID.fromString(claims.getJWTID()).toString()).isEqualTo(claims.getJWTID());
        return jwt;
    }

    /** The next POST to {@code issuer}'s token endpoint among the provider's recorded requests. */
    static RecordedRequest nextTokenRequest(String issuer) throws InterruptedException {
        String path = idp.tokenEndpointUrl(issuer).encodedPath();
        while (true) {
            RecordedRequest r = idp.takeRequest(5, TimeUnit.SECONDS);
            assertThat(r).as("a token request to " + path).isNotNull();
            if ("POST".equals(r.getMethod()) && path.equals(r.getRequestUrl().encodedPath())) {
                return r;
            }
        }
    }

    static KeyPair rsaKeyPair() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    /** A self-signed certificate for {@code pair}, valid for a day around now. */
    static X509Certificate selfSigned(KeyPair pair) throws Exception {
        X500Name name = new X500Name("CN=tokend-test-client");
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), name,
                pair.getPublic());
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
    }

    /** Writes {@code der} as a PEM block of {@code type} (RFC 7468) to {@code file}. */
    static Path pem(Path file, String type, byte[] der) throws Exception {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
    }
}
