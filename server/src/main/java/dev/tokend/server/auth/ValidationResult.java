package dev.tokend.server.auth;

import dev.tokend.server.db.ApiKeyRow;

import dev.tokend.server.rbac.Subject;
import dev.tokend.server.db.UserRow;
import java.util.Objects;

/**
 * Outcome of validating a presented API key (spec §3.2), independent of HTTP.
 *
 * <ul>
 *   <li>{@link Authenticated}: the key is valid; here are the key, its user and the subject.
 *   <li>{@link SoftFailure}: no usable key (missing, malformed, unknown, wrong secret, expired). Required
 *       routes answer 401; optional routes carry on unauthenticated.
 *   <li>{@link HardFailure}: something that must be reported on every route, optional ones included:
 *       an inactive user (401) or an internal error (500).
 * </ul>
 */
public sealed interface ValidationResult {
    /** Why validation did not authenticate; drives metrics and {@code WWW-Authenticate}. */
    enum Reason { MISSING, MALFORMED, UNKNOWN_KEY, BAD_SECRET, EXPIRED, USER_INACTIVE, INTERNAL, AUDIENCE, QUERY_REFUSED }

    /** A key that passed every check of §3.2: the request's {@link Principal}. */
    record Authenticated(Principal principal) implements ValidationResult {
        public Authenticated {
            Objects.requireNonNull(principal, "principal");
        }

        public Authenticated(ApiKeyRow key, UserRow user, Subject subject) {
            this(new Principal(key, user, subject, java.util.List.of()));
        }

        public ApiKeyRow key() {
            return principal.key();
        }

        public UserRow user() {
            return principal.user();
        }

        public Subject subject() {
            return principal.subject();
        }
    }

    /** Any failure: the reason, the HTTP status, message and detail to answer with. */
    sealed interface Failure extends ValidationResult {
        Reason reason();

        int status();

        String message();

        String detail();
    }

    /** Missing or invalid credentials: 401 with the signed-out message. */
    record SoftFailure(Reason reason, String detail) implements Failure {
        @Override
        public int status() {
            return 401;
        }

        @Override
        public String message() {
            return ApiKeyValidator.SIGNED_OUT;
        }
    }

    /** A failure reported even on optional-auth routes. */
    record HardFailure(Reason reason, int status, String message, String detail) implements Failure {}
}
