package dev.tokend.sdk.verify;

import dev.tokend.sdk.model.User;
import java.util.Objects;

/**
 * What {@link TokenVerifier#verify(String)} learned about a token. Exactly one of three outcomes,
 * so a caller's {@code switch} must decide for each:
 *
 * <pre>{@code
 * switch (verifier.verify(token)) {
 *     case VerificationResult.Verified v -> proceed(v.user());
 *     case VerificationResult.Rejected r -> respond(401, r.message());
 *     case VerificationResult.Unavailable u -> respond(503, "try again");
 * }
 * }</pre>
 *
 * <p>Keep {@link Rejected} and {@link Unavailable} apart: answering an outage with 401 makes
 * clients throw their credentials away (tokend itself answers a database failure with 500 for
 * the same reason).
 */
public sealed interface VerificationResult {

    /** tokend knows the token and it belongs to {@code user}, who is active. */
    record Verified(User user) implements VerificationResult {
        public Verified {
            Objects.requireNonNull(user, "user");
        }
    }

    /**
     * tokend refused the token: {@code status} is its HTTP status (401 for a missing, malformed,
     * unknown, expired or deleted token, or a suspended user; 404 for a scoped token that may not
     * read its own user, which needs the {@code user:read} scope), {@code message} and
     * {@code detail} its explanation.
     */
    record Rejected(int status, String message, String detail) implements VerificationResult {
        public Rejected {
            Objects.requireNonNull(message, "message");
            detail = detail == null ? "" : detail;
        }
    }

    /**
     * tokend could not say: it was unreachable, timed out, was rate-limiting, or failed (5xx). The
     * token may be fine; retry later rather than sign the user out.
     */
    record Unavailable(Exception cause) implements VerificationResult {
        public Unavailable {
            Objects.requireNonNull(cause, "cause");
        }
    }
}
