package dev.tokend.testkit;

import dev.tokend.server.auth.ParseResult;
import dev.tokend.server.auth.TokenFormat;

/** Small helpers on tokens for tests. */
public final class Tokens {
    private Tokens() {}

    /** The public key id inside a well-formed token. */
    public static String idOf(String token) {
        return valid(token).id();
    }

    /** The secret inside a well-formed token. */
    public static String secretOf(String token) {
        return valid(token).secret();
    }

    public static ParseResult.Valid valid(String token) {
        if (TokenFormat.parse(token) instanceof ParseResult.Valid valid) {
            return valid;
        }
        throw new AssertionError("not a well-formed token");
    }
}
