package dev.tokend.server.oauth2;

import java.util.Optional;

/**
 * How a client authenticated at an endpoint (RFC 6749 §2.3.1): HTTP Basic or {@code client_id} /
 * {@code client_secret} in the body. Both present and different is {@code invalid_request}
 * (reference §8.3). {@link #toString()} hides the secret.
 *
 * @param secret empty for a public client, which proves itself with PKCE instead
 */
public record ClientAuthentication(String clientId, String secret) {
    public ClientAuthentication {
        secret = secret == null ? "" : secret;
    }

    /** Combines the Basic credentials (if any) with the body's fields. */
    public static ClientAuthentication resolve(Optional<ClientAuthentication> basic, String bodyId, String bodySecret) {
        bodyId = bodyId == null ? "" : bodyId;
        bodySecret = bodySecret == null ? "" : bodySecret;
        if (basic.isPresent()) {
            ClientAuthentication b = basic.get();
            boolean idConflict = !bodyId.isEmpty() && !bodyId.equals(b.clientId());
            boolean secretConflict = !bodySecret.isEmpty() && !bodySecret.equals(b.secret());
            if (idConflict || secretConflict) {
                throw OAuth2Error.CONFLICTING_CLIENT_AUTH.exception();
            }
            return b;
        }
        if (bodyId.isEmpty()) {
            throw OAuth2Error.MISSING_CLIENT_ID.exception();
        }
        return new ClientAuthentication(bodyId, bodySecret);
    }

    @Override
    public String toString() {
        return "ClientAuthentication[clientId=" + clientId + ", secret=" + (secret.isEmpty() ? "none" : "<redacted>")
                + "]";
    }
}
