package dev.tokend.server.idp;

import java.time.Instant;
import java.util.Objects;

/**
 * The tokens an IdP returned: access token, refresh token (empty when none), and the access
 * token's expiry ({@code null} when the response had no {@code expires_in}: never expires).
 * {@link #toString()} hides the tokens.
 */
public record IdpTokens(String accessToken, String refreshToken, Instant expiry) {
    public IdpTokens {
        Objects.requireNonNull(accessToken, "accessToken");
        refreshToken = refreshToken == null ? "" : refreshToken;
    }

    @Override
    public String toString() {
        return "IdpTokens[expiry=" + expiry + ", refresh=" + !refreshToken.isEmpty() + "]";
    }
}
