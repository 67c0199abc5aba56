package dev.tokend.server.oauth2;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Proof Key for Code Exchange (RFC 7636), S256 only (OAuth 2.1 §4.1.1): a code verifier is 43–128
 * characters of {@code [A-Za-z0-9-._~]} (§4.1); the challenge is
 * {@code BASE64URL(SHA256(ASCII(code_verifier)))} (§4.2), compared in constant time.
 */
public final class Pkce {
    public static final String S256 = "S256";
    private static final Pattern UNRESERVED_43_128 = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    private Pkce() {}

    /** Whether {@code value} has the shape of a verifier or an S256 challenge. */
    public static boolean wellFormed(String value) {
        return value != null && UNRESERVED_43_128.matcher(value).matches();
    }

    /** The S256 challenge of {@code verifier}. */
    public static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Whether {@code verifier} is well formed and hashes to {@code challenge}. */
    public static boolean verifies(String verifier, String challenge) {
        if (!wellFormed(verifier) || challenge == null) {
            return false;
        }
        return MessageDigest.isEqual(challenge(verifier).getBytes(StandardCharsets.US_ASCII),
                challenge.getBytes(StandardCharsets.US_ASCII));
    }
}
