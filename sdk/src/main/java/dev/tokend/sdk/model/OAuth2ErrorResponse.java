package dev.tokend.sdk.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The error body of the OAuth2 endpoints (RFC 6749 §5.2), not the API's {@link Response}:
 * {@code {"error": "invalid_grant", "error_description": "..."}}. Clients match on {@code error}.
 */
public record OAuth2ErrorResponse(
        String error,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String errorDescription) {}
