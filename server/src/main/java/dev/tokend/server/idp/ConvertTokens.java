package dev.tokend.server.idp;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tokend.server.error.ApiError;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed, short-lived cookie that authorizes a login-type conversion (reference §D.3):
 * an HS256 JWT under a key derived from the deployment's secret for this one purpose, with
 * {@code iss} = deployment id, {@code sub} = state, {@code aud} = [user id], five minutes of life.
 * Times are checked against the injected clock.
 */
public final class ConvertTokens {
    // NOTE: wire name of the reference (codersdk).
    public static final String COOKIE = "coder_oauth_convert_jwt";
    public static final Duration LIFETIME = Duration.ofMinutes(5);

    /** What the cookie authorizes. */
    public record Conversion(String state, UUID userId, String fromLoginType, String toLoginType, Instant expiresAt) {}

    private final byte[] key;
    private final String issuer;
    private final InstantSource clock;

    public ConvertTokens(byte[] deploymentSecret, UUID deploymentId, InstantSource clock) {
        this.key = derive(deploymentSecret);
        this.issuer = deploymentId.toString();
        this.clock = Objects.requireNonNull(clock);
    }

    public String issue(Conversion c) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).subject(c.state())
                .audience(List.of(c.userId().toString())).expirationTime(Date.from(c.expiresAt()))
                .notBeforeTime(Date.from(now.minusSeconds(1))).issueTime(Date.from(now))
                .jwtID(UUID.randomUUID().toString()).claim("user_id", c.userId().toString()).claim("state", c.state())
                .claim("from_login_type", c.fromLoginType()).claim("to_login_type", c.toLoginType()).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("signing the conversion cookie failed", e);
        }
        return jwt.serialize();
    }

    /** Verifies the cookie for the callback's {@code state}, with the texts of §D.3. */
    public Conversion verify(String cookieOrNull, String state) {
        if (cookieOrNull == null || cookieOrNull.isEmpty()) {
            throw ApiError.badRequest("Convert to oauth cookie not found. Missing signed jwt to authorize this "
                    + "action. Please try again.", null);
        }
        JWTClaimsSet claims;
        try {
            SignedJWT jwt = SignedJWT.parse(cookieOrNull);
            if (!jwt.verify(new MACVerifier(key))) {
                throw invalid();
            }
            claims = jwt.getJWTClaimsSet();
        } catch (java.text.ParseException | JOSEException e) {
            throw invalid();
        }
        Instant now = clock.instant();
        if (claims.getExpirationTime() == null || !now.isBefore(claims.getExpirationTime().toInstant())) {
            throw ApiError.of(500, "Error parsing jwt: token is expired");
        }
        if (!issuer.equals(claims.getIssuer())) {
            throw ApiError.of(403, "Request to convert login type failed. Issuer mismatch. Found a cookie from "
                    + "another coder deployment, please try again.");
        }
        Object jwtState = claims.getClaim("state");
        if (!state.equals(jwtState)) {
            throw ApiError.of(403, "Request to convert login type failed. State mismatch.");
        }
        try {
            return new Conversion(state, UUID.fromString((String) claims.getClaim("user_id")),
                    (String) claims.getClaim("from_login_type"), (String) claims.getClaim("to_login_type"),
                    claims.getExpirationTime().toInstant());
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    private static ApiError invalid() {
        return ApiError.badRequest("Using an invalid jwt to authorize this action. Ensure there is only 1 coder "
                + "deployment and try again.", null);
    }

    private static byte[] derive(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal("tokend oidc-convert v1".getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
