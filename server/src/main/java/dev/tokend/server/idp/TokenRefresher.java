package dev.tokend.server.idp;

/** The refresh grant (RFC 6749 §6) of one IdP. */
@FunctionalInterface
public interface TokenRefresher {
    /** New tokens for {@code refreshToken}; a response without a refresh token keeps the old one. */
    IdpTokens refresh(String refreshToken) throws RefreshFailedException;
}
