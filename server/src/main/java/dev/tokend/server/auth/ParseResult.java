package dev.tokend.server.auth;

import java.util.Objects;

/**
 * Outcome of {@link TokenFormat#parse}: either the token's fields or why it was rejected. Parsing
 * only proves the text is well formed and its checksum is right; whether the key exists, matches
 * and is unexpired is for the caller to check against storage.
 */
public sealed interface ParseResult {

    /**
     * A well-formed token with a correct checksum.
     *
     * @param kind the kind from the prefix
     * @param id the 10-character public key ID, used to look the key up
     * @param secret the 22-character secret, without the checksum; compare it with {@link
     *     TokenFormat#secretMatches}
     */
    record Valid(TokenKind kind, String id, String secret) implements ParseResult {
        /** Checks that all fields are present. */
        public Valid {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(secret, "secret");
        }

        /** Redacts the secret, so logging a parse result never leaks a credential. */
        @Override
        public String toString() {
            return "Valid[kind=" + kind + ", id=" + id + ", secret=<redacted>]";
        }
    }

    /**
     * Text that is not a tokend token.
     *
     * @param detail human-readable reason starting with {@code "Invalid API key format: "}; never
     *     contains any part of the presented text, so it is safe to return to the client and log
     */
    record Malformed(String detail) implements ParseResult {
        /** Checks that the detail is present. */
        public Malformed {
            Objects.requireNonNull(detail, "detail");
        }
    }
}
