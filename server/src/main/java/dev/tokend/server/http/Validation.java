package dev.tokend.server.http;

import dev.tokend.sdk.model.ValidationError;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects field validation failures in the reference's shape and throws them together as
 * 400 {@code Validation failed.} (spec §2.0). Details read
 * {@code Validation failed for tag "<tag>" with value: "<value>"}; password values are never echoed.
 */
public final class Validation {
    private final List<ValidationError> errors = new ArrayList<>();

    /** {@code required}: present and non-empty. */
    public Validation required(String field, String value) {
        if (value == null || value.isEmpty()) {
            fail(field, "required", "");
        }
        return this;
    }

    /** Fails {@code field} with {@code tag} unless {@code ok}; the value is echoed as the reference does. */
    public Validation check(String field, boolean ok, String tag, String value) {
        if (!ok) {
            fail(field, tag, value);
        }
        return this;
    }

    /** Adds a failure with a free-form detail. */
    public Validation add(String field, String detail) {
        errors.add(new ValidationError(field, detail));
        return this;
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public boolean failed(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }

    /** Throws 400 {@code Validation failed.} if anything failed. */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw ApiError.validation(ApiError.VALIDATION_FAILED, errors);
        }
    }

    private void fail(String field, String tag, String value) {
        errors.add(new ValidationError(field,
                "Validation failed for tag \"" + tag + "\" with value: \"" + (value == null ? "" : value) + "\""));
    }
}
