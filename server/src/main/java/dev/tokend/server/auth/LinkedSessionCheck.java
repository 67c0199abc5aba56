package dev.tokend.server.auth;

import dev.tokend.server.db.ApiKeyRow;
import java.time.Instant;
import java.util.Optional;

/**
 * A check {@link ApiKeyValidator} runs on a key that passed format, secret and expiry (reference
 * §B, main spec §3.2 step 7): for IdP sessions ({@code oidc}, {@code github}) the IdP link must
 * exist and its token be current, refreshed if it has expired. Empty means "carry on"; a failure is
 * answered as is. {@link #NONE} checks nothing (no IdP configured, and unit tests).
 */
@FunctionalInterface
public interface LinkedSessionCheck {
    LinkedSessionCheck NONE = (key, now) -> Optional.empty();

    Optional<ValidationResult.Failure> check(ApiKeyRow key, Instant now);
}
