package dev.tokend.server.auth;

import dev.tokend.server.auth.ValidationResult.Authenticated;
import dev.tokend.server.auth.ValidationResult.Failure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/** Counts authentication outcomes by class: {@code tokend_auth_outcomes_total{outcome=...}}. */
public final class AuthMetrics {
    private final Counter valid;
    private final Map<ValidationResult.Reason, Counter> failures = new EnumMap<>(ValidationResult.Reason.class);

    public AuthMetrics(MeterRegistry registry) {
        this.valid = counter(registry, "valid");
        for (ValidationResult.Reason reason : ValidationResult.Reason.values()) {
            String outcome = switch (reason) {
                case MISSING -> "missing";
                case MALFORMED, UNKNOWN_KEY, BAD_SECRET, AUDIENCE, QUERY_REFUSED -> "invalid";
                case EXPIRED -> "expired";
                case USER_INACTIVE -> "inactive";
                case INTERNAL -> "internal_error";
            };
            failures.put(reason, counter(registry, outcome));
        }
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder("tokend_auth_outcomes").tag("outcome", outcome)
                .description("API key validations by outcome").register(registry);
    }

    public void record(ValidationResult result) {
        switch (result) {
            case Authenticated a -> valid.increment();
            case Failure f -> failures.get(f.reason()).increment();
        }
    }
}
