package dev.tokend.sdk;

import dev.tokend.sdk.model.Response;
import dev.tokend.sdk.model.ValidationError;
import java.util.List;
import java.util.Objects;

/** The server answered with a non-success status. Carries the server's message, detail and validations. */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Response response;

    public ApiException(int status, Response response) {
        super(status + ": " + Objects.requireNonNull(response, "response").message()
                + (response.detail() == null || response.detail().isEmpty() ? "" : ": " + response.detail()));
        this.status = status;
        this.response = response;
    }

    /** HTTP status code. */
    public int status() {
        return status;
    }

    /** The server's message (stable, user-facing). */
    public String message() {
        return response.message();
    }

    /** The server's detail, or an empty string. */
    public String detail() {
        return response.detail() == null ? "" : response.detail();
    }

    /** Field-level validation errors, possibly empty. */
    public List<ValidationError> validations() {
        return response.validations();
    }

    /** The whole decoded error body. */
    public Response response() {
        return response;
    }
}
