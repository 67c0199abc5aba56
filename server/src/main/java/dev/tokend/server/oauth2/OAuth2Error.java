package dev.tokend.server.oauth2;

import java.util.Objects;

/**
 * The one catalogue of OAuth2 protocol errors: every {@code {error, error_description}} tokend
 * answers on an OAuth2 endpoint is built here (RFC 6749 §5.2, §4.1.2.1; RFC 7009 §2.2.1; RFC 7591
 * §3.2.2; RFC 7592 §2; RFC 8628 §3.5; RFC 8707 §2). Descriptions are the reference's where it has
 * one (§8); clients should match on {@link #code()} only.
 *
 * <p>A refusal is a value; {@link #exception()} carries it out of deep call stacks to the one place
 * that writes it ({@code api.oauth2.OAuth2Http}).
 *
 * <pre>
 * HTTP/1.1 400 Bad Request
 * Content-Type: application/json
 * Cache-Control: no-store
 *
 * {"error":"invalid_grant","error_description":"The authorization code is invalid or expired"}
 * </pre>
 */
public record OAuth2Error(int status, String code, String description) {
    public OAuth2Error {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(description, "description");
    }

    // ---- RFC 6749 §5.2 and the authorization endpoint (§4.1.2.1) -------------------------------

    public static OAuth2Error invalidRequest(String description) {
        return new OAuth2Error(400, "invalid_request", description);
    }

    public static OAuth2Error missingParameter(String name) {
        return invalidRequest("Missing required parameter: " + name);
    }

    public static final OAuth2Error MISSING_CLIENT_ID = invalidRequest("Missing client_id parameter");
    public static final OAuth2Error CONFLICTING_CLIENT_AUTH = invalidRequest(
            "The client authenticated in more than one way with different credentials");
    public static final OAuth2Error INVALID_CLIENT = new OAuth2Error(401, "invalid_client",
            "The client credentials are invalid");
    public static final OAuth2Error INVALID_CODE = new OAuth2Error(400, "invalid_grant",
            "The authorization code is invalid or expired");
    public static final OAuth2Error INVALID_VERIFIER = new OAuth2Error(400, "invalid_grant",
            "The PKCE code verifier is invalid");
    public static final OAuth2Error REDIRECT_URI_CHANGED = new OAuth2Error(400, "invalid_grant",
            "The redirect_uri must be identical to the one of the authorization request");
    public static final OAuth2Error INVALID_TARGET = new OAuth2Error(400, "invalid_target",
            "The resource parameter is invalid");
    public static final OAuth2Error INVALID_REFRESH = new OAuth2Error(400, "invalid_grant",
            "The refresh token is invalid or expired");
    public static final OAuth2Error UNSUPPORTED_GRANT = new OAuth2Error(400, "unsupported_grant_type",
            "The grant type is not supported");
    public static final OAuth2Error UNAUTHORIZED_CLIENT = new OAuth2Error(400, "unauthorized_client",
            "The client is not allowed to use this grant type");
    public static final OAuth2Error INVALID_SCOPE = new OAuth2Error(400, "invalid_scope",
            "The requested scope is invalid, unknown, or not allowed for this client");
    public static final OAuth2Error UNSUPPORTED_RESPONSE_TYPE = new OAuth2Error(400, "unsupported_response_type",
            "Only response_type=code is supported");
    public static final OAuth2Error PKCE_REQUIRED = invalidRequest(
            "code_challenge is required: PKCE with code_challenge_method=S256");
    public static final OAuth2Error PKCE_METHOD = invalidRequest(
            "Invalid code_challenge_method: only S256 is supported");
    public static final OAuth2Error PKCE_CHALLENGE = invalidRequest(
            "Invalid code_challenge: 43 to 128 characters of [A-Za-z0-9-._~]");
    public static final OAuth2Error REDIRECT_URI_UNREGISTERED = invalidRequest(
            "The redirect_uri does not match a registered redirect URI");
    public static final OAuth2Error INVALID_RESOURCE = new OAuth2Error(400, "invalid_target",
            "The resource parameter must be an absolute URI without a fragment");
    public static final OAuth2Error ACCESS_DENIED = new OAuth2Error(400, "access_denied",
            "The user denied the request");
    public static final OAuth2Error GRANT_USER_INACTIVE = new OAuth2Error(400, "invalid_grant",
            "The user of this grant can no longer receive tokens");
    public static final OAuth2Error INVALID_TOKEN_FORMAT = invalidRequest("Invalid token format");

    // ---- RFC 8628 §3.5 (device grant polling) ---------------------------------------------------

    public static final OAuth2Error AUTHORIZATION_PENDING = new OAuth2Error(400, "authorization_pending",
            "The user has not yet approved or denied the request");
    public static final OAuth2Error SLOW_DOWN = new OAuth2Error(400, "slow_down",
            "Polling too fast: wait the interval (now 5 seconds longer) between requests");
    public static final OAuth2Error EXPIRED_TOKEN = new OAuth2Error(400, "expired_token",
            "The device code has expired");
    public static final OAuth2Error DEVICE_DENIED = new OAuth2Error(400, "access_denied",
            "The user denied the request");
    public static final OAuth2Error INVALID_DEVICE_CODE = new OAuth2Error(400, "invalid_grant",
            "The device code is invalid or was already used");

    // ---- RFC 7591 / 7592 (dynamic registration and its management) ------------------------------

    public static OAuth2Error invalidClientMetadata(String description) {
        return new OAuth2Error(400, "invalid_client_metadata", description);
    }

    public static OAuth2Error invalidRedirectUri(String description) {
        return new OAuth2Error(400, "invalid_redirect_uri", description);
    }

    public static final OAuth2Error REGISTRATION_MISSING = new OAuth2Error(401, "invalid_token",
            "Missing Authorization header");
    public static final OAuth2Error REGISTRATION_NOT_BEARER = new OAuth2Error(401, "invalid_token",
            "Authorization header must use Bearer scheme");
    public static final OAuth2Error REGISTRATION_INVALID = new OAuth2Error(401, "invalid_token",
            "Invalid registration access token");
    public static final OAuth2Error CLIENT_NOT_FOUND = new OAuth2Error(401, "invalid_token", "Client not found");
    public static final OAuth2Error NOT_DYNAMIC = new OAuth2Error(403, "invalid_token",
            "Client was not dynamically registered");
    public static final OAuth2Error TOO_MANY_CLIENTS = new OAuth2Error(429, "invalid_client_metadata",
            "Too many clients were registered from this address; try again later");

    /** This refusal as an exception, to leave a deep call stack. */
    public Refusal exception() {
        return new Refusal(this);
    }

    /** Carries an {@link OAuth2Error} to the endpoint that answers it. No stack trace: it is an outcome. */
    public static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient OAuth2Error error;

        Refusal(OAuth2Error error) {
            super(error.code() + ": " + error.description(), null, false, false);
            this.error = error;
        }

        public OAuth2Error error() {
            return error;
        }
    }
}
