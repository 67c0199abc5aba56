package dev.tokend.server.error;


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

    /**
     * Fails {@code field} with {@code tag} unless {@code ok}; the value is echoed as the reference does.
     * A field that already failed (say, {@code required}) is not checked again: one failure per field,
     * as the reference's validator reports.
     */
    public Validation check(String field, boolean ok, String tag, String value) {
        if (!ok && !failed(field)) {
            fail(field, tag, value);
        }
        return this;
    }

    /**
     * Fails {@code field} with {@code tag} unless {@code valid} accepts {@code value}; not evaluated
     * when the field already failed (e.g. a missing value is only reported as {@code required}).
     */
    public Validation check(String field, String value, java.util.function.Predicate<String> valid, String tag) {
        if (!failed(field) && value != null && !valid.test(value)) {
            fail(field, tag, value);
        }
        return this;
    }

    private boolean failed(String field) {
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
