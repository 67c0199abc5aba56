package dev.tokend.server.auth;

import dev.tokend.server.auth.TokenFormat;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * CSRF tokens bound to a session: {@code base64url(HMAC-SHA256(deploymentKey, "csrf:" + keyId))}.
 * Stateless and valid on every replica that shares the deployment key (kept in the database); a new
 * session gets a new CSRF token, and a token is useless without the session it belongs to.
 */
public final class CsrfTokens {
    private final byte[] key;

    public CsrfTokens(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < 32) {
            throw new IllegalArgumentException("CSRF key must be at least 32 bytes");
        }
        this.key = key.clone();
    }

    /** The CSRF token for the session token {@code sessionToken}, if it is well-formed. */
    public Optional<String> forSession(String sessionToken) {
        if (TokenFormat.parse(sessionToken) instanceof dev.tokend.server.auth.ParseResult.Valid valid) {
            return Optional.of(forKeyId(valid.id()));
        }
        return Optional.empty();
    }

    /** The CSRF token for the API key with public id {@code keyId}. */
    public String forKeyId(String keyId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] tag = mac.doFinal(("csrf:" + keyId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Constant-time check of a presented CSRF token against the session token. */
    public boolean matches(String sessionToken, String presented) {
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        return forSession(sessionToken)
                .map(expected -> MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.UTF_8)))
                .orElse(false);
    }
}
