package dev.tokend.sdk.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The error (and simple message) body of every API response:
 * {@code {"message": "...", "detail": "...", "validations": [{"field": "...", "detail": "..."}]}}.
 * {@code detail} and {@code validations} are omitted when empty, as in the reference.
 */
public record Response(
        String message,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String detail,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ValidationError> validations) {

    public Response {
        validations = validations == null ? List.of() : List.copyOf(validations);
    }

    public static Response message(String message) {
        return new Response(message, null, List.of());
    }
}
