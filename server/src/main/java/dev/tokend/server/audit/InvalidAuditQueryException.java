package dev.tokend.server.audit;

import dev.tokend.sdk.model.ValidationError;
import java.util.List;
import java.util.Objects;

/**
 * The audit {@code q} parameter could not be parsed (spec §2.4): handlers answer 400 with
 * {@link #MESSAGE} and {@link #validations()}, one entry per problem found.
 */
public final class InvalidAuditQueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The wire-visible top-level message (§2.4). */
    public static final String MESSAGE = "Invalid audit search query.";

    /** Not serialised: the exception never leaves the process. */
    private final transient List<ValidationError> validations;

    /** {@code validations} must not be empty: an invalid query has at least one problem. */
    public InvalidAuditQueryException(List<ValidationError> validations) {
        super(MESSAGE);
        this.validations = List.copyOf(Objects.requireNonNull(validations, "validations"));
        if (this.validations.isEmpty()) {
            throw new IllegalArgumentException("an invalid query needs at least one validation");
        }
    }

    /** The problems, in the order they appear in the query. */
    public List<ValidationError> validations() {
        return validations;
    }
}
