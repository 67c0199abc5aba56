package dev.tokend.server.auth;

import java.util.Arrays;
import java.util.Objects;

/**
 * A freshly minted token: what to store and what to show the user exactly once.
 *
 * @param kind the kind encoded in the token's prefix
 * @param id the 10-character public key ID; store it as the key's primary identifier
 * @param token the complete plaintext token; return it to the user once and never store or log it
 * @param hashedSecret SHA-256 of the secret part (32 bytes); store it to verify later
 *     presentations with {@link TokenFormat#secretMatches}
 */
public record GeneratedToken(TokenKind kind, String id, String token, byte[] hashedSecret) {

    /** Checks the fields and takes a private copy of the hash. */
    public GeneratedToken {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(token, "token");
        hashedSecret = Objects.requireNonNull(hashedSecret, "hashedSecret").clone();
    }

    /** A copy of the hash, so callers cannot alter this record's state. */
    @Override
    public byte[] hashedSecret() {
        return hashedSecret.clone();
    }

    /** Compares the hash by content, since arrays compare by identity. */
    @Override
    public boolean equals(Object other) {
        return other instanceof GeneratedToken that
                && kind == that.kind
                && id.equals(that.id)
                && token.equals(that.token)
                && Arrays.equals(hashedSecret, that.hashedSecret);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, id, token, Arrays.hashCode(hashedSecret));
    }

    /**
     * Shows only the kind and the public ID: the token is a credential, and its hash is stored
     * data that logs have no use for.
     */
    @Override
    public String toString() {
        return "GeneratedToken[kind=" + kind + ", id=" + id + "]";
    }
}
