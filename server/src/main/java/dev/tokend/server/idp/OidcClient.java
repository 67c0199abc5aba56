package dev.tokend.server.idp;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.tokend.server.IdpOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenID Connect relying party, on the Nimbus OAuth 2.0 SDK: discovery at start-up (OIDC
 * Discovery 1.0 §4), the authorization URL with PKCE (RFC 7636) when the provider lists
 * {@code S256}, the code exchange (RFC 6749 §4.1.3), ID-token validation (OIDC Core §3.1.3.7),
 * userinfo (§5.3) and the refresh grant (RFC 6749 §6). Client authentication is the secret (HTTP
 * Basic), none (public client) or {@code private_key_jwt} (RFC 7523) from a key file (reference §A.2).
 *
 * <p>Failures are values or typed exceptions carrying the text the reference puts in {@code detail}.
 */
public final class OidcClient implements TokenRefresher {
    private static final int TIMEOUT_MS = (int) Duration.ofSeconds(10).toMillis();
    /** The first PEM block (RFC 7468 §2): its label and base64 body. */
    private static final Pattern PEM =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

    private final IdpOptions.Oidc options;
    private final OIDCProviderMetadata metadata;
    private final IDTokenValidator validator;
    private final boolean pkce;
    private final RSAPrivateKey clientKey;
    private final String certThumbprint;
    private final InstantSource clock;

    private OidcClient(IdpOptions.Oidc options, OIDCProviderMetadata metadata, IDTokenValidator validator,
            RSAPrivateKey clientKey, String certThumbprint, InstantSource clock) {
        this.options = options;
        this.metadata = metadata;
        this.validator = validator;
        List<CodeChallengeMethod> methods = metadata.getCodeChallengeMethods();
        this.pkce = methods != null && methods.contains(CodeChallengeMethod.S256);
        this.clientKey = clientKey;
        this.certThumbprint = certThumbprint;
        this.clock = clock;
    }

    /**
     * Fetches the discovery document of {@code options.issuerUrl()}; its {@code issuer} must equal
     * the URL (Discovery §4.3).
     *
     * @throws IllegalStateException {@code configure oidc provider: <reason>} when it cannot
     */
    public static OidcClient discover(IdpOptions.Oidc options, InstantSource clock) {
        OIDCProviderMetadata metadata;
        try {
            metadata = OIDCProviderMetadata.resolve(new Issuer(options.issuerUrl().toString()), TIMEOUT_MS,
                    TIMEOUT_MS);
        } catch (IOException | com.nimbusds.oauth2.sdk.GeneralException e) {
            throw new IllegalStateException("configure oidc provider: " + e.getMessage(), e);
        }
        Set<JWSAlgorithm> algs = new HashSet<>();
        if (metadata.getIDTokenJWSAlgs() != null) {
            algs.addAll(metadata.getIDTokenJWSAlgs());
        }
        if (algs.isEmpty()) {
            algs.add(JWSAlgorithm.RS256);
        }
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.create(metadata.getJWKSetURI().toURL()).retrying(true).build();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException("configure oidc provider: bad jwks_uri: " + e.getMessage(), e);
        }
        IDTokenValidator validator = new IDTokenValidator(metadata.getIssuer(), new ClientID(options.clientId()),
                new JWSVerificationKeySelector<>(algs, keys), null);
        RSAPrivateKey key = null;
        String thumbprint = null;
        if (options.clientKeyFile() != null) {
            key = readRsaKey(options.clientKeyFile());
            thumbprint = readCertThumbprint(options.clientCertFile());
        }
        return new OidcClient(options, metadata, validator, key, thumbprint, clock);
    }

    public IdpOptions.Oidc options() {
        return options;
    }

    /** Whether the flow uses PKCE: the discovery document lists {@code S256} (tokend decision). */
    public boolean pkce() {
        return pkce;
    }

    /** Whether the provider publishes a userinfo endpoint. */
    public boolean hasUserInfo() {
        return metadata.getUserInfoEndpointURI() != null;
    }

    /**
     * The authorization URL (reference §A.3): client id, redirect URI, {@code response_type=code},
     * scopes, state, {@code access_type=offline}, the configured extra parameters, and the S256
     * challenge of {@code verifier} when PKCE is on.
     */
    public URI authorizationUrl(URI redirectUri, String state, String verifierOrNull) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("client_id", options.clientId());
        q.put("redirect_uri", redirectUri.toString());
        q.put("response_type", "code");
        q.put("scope", String.join(" ", options.scopes()));
        q.put("state", state);
        q.put("access_type", "offline");
        q.putAll(options.authUrlParams());
        if (verifierOrNull != null) {
            q.put("code_challenge", CodeChallenge.compute(CodeChallengeMethod.S256, new CodeVerifier(verifierOrNull))
                    .getValue());
            q.put("code_challenge_method", "S256");
        }
        return withQuery(metadata.getAuthorizationEndpointURI(), q);
    }

    /** A fresh PKCE verifier: 32 random bytes, base64url (43 characters). */
    public static String newVerifier() {
        return new CodeVerifier().getValue();
    }

    /** What the token endpoint answered to a code: the tokens and the raw ID token (null if absent). */
    public record Exchange(IdpTokens tokens, String idToken) {}

    /**
     * Exchanges {@code code}.
     *
     * @throws ExchangeFailedException with the IdP's error code (e.g. {@code invalid_grant}) or the transport error
     */
    public Exchange exchange(String code, URI redirectUri, String verifierOrNull) throws ExchangeFailedException {
        AuthorizationGrant grant = new AuthorizationCodeGrant(new AuthorizationCode(code), redirectUri,
                verifierOrNull == null ? null : new CodeVerifier(verifierOrNull));
        try {
            AccessTokenResponse ok = token(grant, null);
            Object idToken = ok.getCustomParameters().get("id_token");
            return new Exchange(tokens(ok), idToken instanceof String s ? s : null);
        } catch (TokenErrorException e) {
            throw new ExchangeFailedException(e.getMessage(), e);
        }
    }

    /** The refresh grant; a response without a refresh token keeps {@code refreshToken}. */
    @Override
    public IdpTokens refresh(String refreshToken) throws RefreshFailedException {
        try {
            AccessTokenResponse ok = token(new RefreshTokenGrant(new RefreshToken(refreshToken)),
                    new Scope(options.scopes().toArray(String[]::new)));
            IdpTokens t = tokens(ok);
            return t.refreshToken().isEmpty() ? new IdpTokens(t.accessToken(), refreshToken, t.expiry()) : t;
        } catch (TokenErrorException e) {
            throw new RefreshFailedException(e.getMessage(), e);
        }
    }

    /**
     * Validates the ID token: signature against the provider's keys, {@code iss}, {@code aud} =
     * client id, {@code exp}/{@code iat}. Returns its claims as JSON values.
     *
     * @throws InvalidIdTokenException with the validator's text
     */
    public Map<String, Object> verifyIdToken(String idToken) throws InvalidIdTokenException {
        try {
            JWT jwt = JWTParser.parse(idToken);
            validator.validate(jwt, null);
            return jsonClaims(jwt.getJWTClaimsSet());
        } catch (java.text.ParseException | BadJOSEException | JOSEException e) {
            throw new InvalidIdTokenException(e.getMessage(), e);
        }
    }

    /** The userinfo claims (OIDC Core §5.3). */
    public Map<String, Object> userInfo(String accessToken) throws IOException, ParseException {
        HTTPRequest request = new UserInfoRequest(metadata.getUserInfoEndpointURI(), new BearerAccessToken(accessToken))
                .toHTTPRequest();
        timeouts(request);
        UserInfoResponse response = UserInfoResponse.parse(request.send());
        if (!response.indicatesSuccess()) {
            ErrorObject error = response.toErrorResponse().getErrorObject();
            throw new IOException("userinfo: " + describe(error));
        }
        var info = response.toSuccessResponse().getUserInfo();
        if (info == null) {
            throw new ParseException("userinfo response is not a JSON object");
        }
        return new LinkedHashMap<>(info.toJSONObject());
    }

    private AccessTokenResponse token(AuthorizationGrant grant, Scope scope) throws TokenErrorException {
        URI endpoint = metadata.getTokenEndpointURI();
        ClientAuthentication auth = clientAuthentication(endpoint);
        TokenRequest request = auth != null
                ? new TokenRequest(endpoint, auth, grant, scope)
                : new TokenRequest(endpoint, new ClientID(options.clientId()), grant, scope);
        HTTPRequest http = request.toHTTPRequest();
        timeouts(http);
        TokenResponse response;
        try {
            HTTPResponse raw = http.send();
            response = TokenResponse.parse(raw);
        } catch (IOException | ParseException e) {
            throw new TokenErrorException(e.getMessage(), e);
        }
        if (!response.indicatesSuccess()) {
            throw new TokenErrorException(describe(response.toErrorResponse().getErrorObject()), null);
        }
        return response.toSuccessResponse();
    }

    private ClientAuthentication clientAuthentication(URI tokenEndpoint) {
        ClientID id = new ClientID(options.clientId());
        if (clientKey != null) {
            return new PrivateKeyJWT(assertion(tokenEndpoint));
        }
        if (!options.clientSecret().isEmpty()) {
            return new ClientSecretBasic(id, new Secret(options.clientSecret()));
        }
        return null; // public client: client_id in the form
    }

    /**
     * The RFC 7523 client assertion of reference §A.2: RS256, {@code iss}={@code sub}=client id,
     * {@code aud}=token URL, five minutes, {@code x5t} the standard-base64 SHA-1 of the certificate.
     */
    private SignedJWT assertion(URI tokenEndpoint) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(options.clientId()).subject(options.clientId())
                .audience(tokenEndpoint.toString()).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .notBeforeTime(Date.from(now)).issueTime(Date.from(now)).jwtID(UUID.randomUUID().toString()).build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).x509CertThumbprint(new Base64URL(certThumbprint))
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new RSASSASigner(clientKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("signing the OIDC client assertion failed", e);
        }
        return jwt;
    }

    private IdpTokens tokens(AccessTokenResponse ok) {
        AccessToken at = ok.getTokens().getAccessToken();
        RefreshToken rt = ok.getTokens().getRefreshToken();
        long lifetime = at.getLifetime();
        return new IdpTokens(at.getValue(), rt == null ? "" : rt.getValue(),
                lifetime > 0 ? clock.instant().plusSeconds(lifetime) : null);
    }

    private static void timeouts(HTTPRequest request) {
        request.setConnectTimeout(TIMEOUT_MS);
        request.setReadTimeout(TIMEOUT_MS);
    }

    private static String describe(ErrorObject error) {
        String code = error.getCode() == null ? "error" : error.getCode();
        return error.getDescription() == null ? code : code + ": " + error.getDescription();
    }

    /** Claims as plain JSON values (dates as epoch seconds), for merging and storage. */
    static Map<String, Object> jsonClaims(JWTClaimsSet claims) {
        return new LinkedHashMap<>(claims.toJSONObject());
    }

    private static URI withQuery(URI base, Map<String, String> params) {
        StringBuilder sb = new StringBuilder(base.toString());
        sb.append(base.getRawQuery() == null ? '?' : '&');
        boolean first = true;
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (!first) {
                sb.append('&');
            }
            first = false;
            sb.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return URI.create(sb.toString());
    }

    /**
     * The RSA key of a PKCS#8 PEM file ({@code -----BEGIN PRIVATE KEY-----}). The JDK's exception
     * texts name classes ({@code java.security.InvalidKeyException: Unable to decode key}) and give an
     * operator nothing to act on, so the message names the flag, the file and what was wrong.
     */
    private static RSAPrivateKey readRsaKey(Path file) {
        String what = "--oidc-client-key-file " + file;
        String want = "; want a PKCS#8 PEM RSA private key (-----BEGIN PRIVATE KEY-----)";
        // ISO-8859-1 decodes any bytes, so a DER or binary file reaches the "not PEM" message.
        Matcher pem = PEM.matcher(new String(read(what, file), StandardCharsets.ISO_8859_1));
        if (!pem.find()) {
            throw new IllegalStateException("read " + what + ": not PEM" + want);
        }
        if (!pem.group(1).equals("PRIVATE KEY")) {
            // The usual mistake: `openssl genrsa -traditional` writes PKCS#1 ("RSA PRIVATE KEY").
            throw new IllegalStateException("read " + what + ": a \"" + pem.group(1) + "\" block" + want
                    + "; convert it with: openssl pkcs8 -topk8 -nocrypt -in <file>");
        }
        try {
            return (RSAPrivateKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(pem.group(2))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("read " + what + ": not an RSA key, or damaged" + want, e);
        }
    }

    /** The standard-base64 SHA-1 of the certificate's DER ({@link #assertion}); messages as {@link #readRsaKey}. */
    private static String readCertThumbprint(Path file) {
        String what = "--oidc-client-cert-file " + file;
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(read(what, file)));
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(cert.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("read " + what + ": not a PEM X.509 certificate "
                    + "(-----BEGIN CERTIFICATE-----)", e);
        }
    }

    private static byte[] read(String what, Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("read " + what + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new IllegalStateException("read " + what + ": permission denied", e);
        } catch (IOException e) {
            throw new IllegalStateException("read " + what + ": " + e.getMessage(), e);
        }
    }

    /** The token endpoint refused or could not be reached; the message is the error text. */
    public static final class ExchangeFailedException extends Exception {
        private static final long serialVersionUID = 1L;

        ExchangeFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The ID token failed validation. */
    public static final class InvalidIdTokenException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidIdTokenException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final class TokenErrorException extends Exception {
        private static final long serialVersionUID = 1L;

        TokenErrorException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
