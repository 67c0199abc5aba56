package dev.tokend.server.error;


import dev.tokend.sdk.model.Response;
import dev.tokend.sdk.model.ValidationError;
import java.util.List;
import java.util.Objects;

/**
 * An HTTP outcome raised from anywhere in request handling and turned into a response in exactly
 * one place ({@code RouteTable}'s handler wrapper). Carries the status and the JSON body; never a secret.
 *
 * <p>The messages below are the reference's stable strings (spec §2.0); clients and tests match on them.
 */
public final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    // NOTE: stable wire strings (reference §2.0); clients match on them.
    public static final String RESOURCE_NOT_FOUND = "Resource not found or you do not have access to this resource";
    public static final String FORBIDDEN = "Forbidden.";
    public static final String FORBIDDEN_DETAIL = "You don't have permission to view this content. If you believe "
            + "this is a mistake, please contact your administrator or try signing in with different credentials.";
    public static final String INVALID_JSON = "Request body must be valid JSON.";
    public static final String VALIDATION_FAILED = "Validation failed.";
    public static final String ROUTE_NOT_FOUND = "Route not found.";
    public static final String INTERNAL = "An internal server error occurred.";

    private final int status;
    private final transient Response body;
    private final boolean plainText;

    private ApiError(int status, Response body, boolean plainText, Throwable cause) {
        super(status + " " + body.message(), cause, false, false);
        this.status = status;
        this.body = body;
        this.plainText = plainText;
    }

    public static ApiError of(int status, String message) {
        return new ApiError(status, Response.message(message), false, null);
    }

    public static ApiError of(int status, String message, String detail) {
        return new ApiError(status, new Response(message, detail, List.of()), false, null);
    }

    public static ApiError of(int status, String message, String detail, List<ValidationError> validations) {
        return new ApiError(status, new Response(message, detail, validations), false, null);
    }

    /** A 500 whose cause is logged but never shown to the client. */
    public static ApiError internal(String message, Throwable cause) {
        return new ApiError(500, Response.message(message), false, Objects.requireNonNull(cause, "cause"));
    }

    /** A plain-text answer (the reference answers CSRF failures in text, not JSON). */
    public static ApiError plainText(int status, String text) {
        return new ApiError(status, Response.message(text), true, null);
    }

    public static ApiError notFound() {
        return of(404, RESOURCE_NOT_FOUND);
    }

    public static ApiError forbidden() {
        return of(403, FORBIDDEN, FORBIDDEN_DETAIL);
    }

    public static ApiError badRequest(String message, String detail) {
        return of(400, message, detail);
    }

    public static ApiError validation(String message, List<ValidationError> validations) {
        return of(400, message, null, validations);
    }

    public int status() {
        return status;
    }

    public Response body() {
        return body;
    }

    public boolean plainText() {
        return plainText;
    }
}
