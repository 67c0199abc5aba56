package dev.tokend.server.store;

import dev.tokend.sdk.GoDuration;
import dev.tokend.server.error.ApiError;
import dev.tokend.server.rbac.Roles;
import dev.tokend.server.db.UserRow;
import java.time.Duration;
import java.util.Objects;

/**
 * Named-token lifetimes (reference §5.2): the maximum depends on the <em>target</em> user's roles
 * (an owner gets {@code --max-admin-token-lifetime}, which may be shorter than the member maximum);
 * a lifetime of 0 or none means the default (not checked against the maximum, as in the
 * reference); negative is refused; equal to the maximum is allowed.
 */
final class LifetimePolicy {
    private final Duration maxTokenLifetime;
    private final Duration maxAdminTokenLifetime;
    private final Duration defaultTokenLifetime;

    LifetimePolicy(Duration maxTokenLifetime, Duration maxAdminTokenLifetime, Duration defaultTokenLifetime) {
        this.maxTokenLifetime = Objects.requireNonNull(maxTokenLifetime);
        this.maxAdminTokenLifetime = Objects.requireNonNull(maxAdminTokenLifetime);
        this.defaultTokenLifetime = Objects.requireNonNull(defaultTokenLifetime);
    }

    /** The maximum for tokens of {@code target}. */
    public Duration maxFor(UserRow target) {
        return target.rbacRoles().contains(Roles.OWNER) ? maxAdminTokenLifetime : maxTokenLifetime;
    }

    /**
     * The lifetime to use for a request of {@code lifetimeNanos} (null or 0: the default) for tokens
     * of {@code target}; 400 with {@code message} and the reference's details otherwise.
     */
    public Duration resolve(Long lifetimeNanos, UserRow target, String message) {
        if (lifetimeNanos == null || lifetimeNanos == 0) {
            return defaultTokenLifetime;
        }
        if (lifetimeNanos < 0) {
            throw ApiError.badRequest(message, "lifetime must be positive number greater than 0");
        }
        Duration requested = Duration.ofNanos(lifetimeNanos);
        Duration max = maxFor(target);
        if (requested.compareTo(max) > 0) {
            throw ApiError.badRequest(message, "lifetime must be less than " + GoDuration.format(max));
        }
        return requested;
    }
}
