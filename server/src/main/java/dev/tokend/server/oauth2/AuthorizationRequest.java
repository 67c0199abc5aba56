package dev.tokend.server.oauth2;

import dev.tokend.server.db.OAuth2Rows;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A checked authorization request (RFC 6749 §4.1.1, OAuth 2.1 §4.1.1, RFC 7636 §4.3, RFC 8707 §2),
 * in the order that decides where an error may go: problems with the client or the redirect URI
 * are shown to the user and never redirected ({@link Fatal}); everything after is sent back to the
 * (now trusted) redirect URI ({@link Redirected}).
 */
public sealed interface AuthorizationRequest {
    /** The client or redirect URI is wrong: show an error page, never redirect (§4.1.2.1). */
    record Fatal(String message) implements AuthorizationRequest {}

    /** A refusal to send to the redirect URI, with {@code state} when given. */
    record Redirected(String redirectUri, OAuth2Error error, String state) implements AuthorizationRequest {}

    /**
     * A valid request. {@code requestedRedirectUri} is what the client sent (maybe empty), which the
     * token request must repeat identically; {@code redirectUri} is where to send the answer.
     */
    record Valid(OAuth2Rows.App app, String redirectUri, String requestedRedirectUri, List<String> scopes,
            String state, String resource, String codeChallenge) implements AuthorizationRequest {}

    /** Checks {@code params} (query or consent form) for the client {@code app} (empty if unknown). */
    static AuthorizationRequest check(Map<String, String> params, Optional<OAuth2Rows.App> app) {
        String clientId = params.getOrDefault("client_id", "");
        if (clientId.isEmpty()) {
            return new Fatal(OAuth2Error.MISSING_CLIENT_ID.description());
        }
        if (app.isEmpty()) {
            return new Fatal("Unknown client_id: no OAuth2 app has this id.");
        }
        String requested = params.getOrDefault("redirect_uri", "");
        Optional<String> redirect = RedirectUris.select(app.get().redirectUris(), requested);
        if (redirect.isEmpty()) {
            return new Fatal(OAuth2Error.REDIRECT_URI_UNREGISTERED.description());
        }
        String state = params.getOrDefault("state", "");
        String responseType = params.getOrDefault("response_type", "");
        if (responseType.isEmpty()) {
            return new Redirected(redirect.get(), OAuth2Error.missingParameter("response_type"), state);
        }
        if (!responseType.equals("code")) {
            return new Redirected(redirect.get(), OAuth2Error.UNSUPPORTED_RESPONSE_TYPE, state);
        }
        if (!app.get().grantTypes().contains(GrantTypes.AUTHORIZATION_CODE)) {
            return new Redirected(redirect.get(), OAuth2Error.UNAUTHORIZED_CLIENT, state);
        }
        String challenge = params.getOrDefault("code_challenge", "");
        String method = params.getOrDefault("code_challenge_method", "");
        if (!method.isEmpty() && !method.equals(Pkce.S256)) {
            return new Redirected(redirect.get(), OAuth2Error.PKCE_METHOD, state);
        }
        if (challenge.isEmpty()) {
            return new Redirected(redirect.get(), OAuth2Error.PKCE_REQUIRED, state);
        }
        if (!Pkce.wellFormed(challenge)) {
            return new Redirected(redirect.get(), OAuth2Error.PKCE_CHALLENGE, state);
        }
        String resource = params.getOrDefault("resource", "");
        if (!resource.isEmpty() && !RedirectUris.validResource(resource)) {
            return new Redirected(redirect.get(), OAuth2Error.INVALID_RESOURCE, state);
        }
        List<String> scopes;
        try {
            scopes = ScopeNegotiation.negotiate(ScopeNegotiation.parse(params.get("scope")), app.get().scopes());
        } catch (OAuth2Error.Refusal refusal) {
            return new Redirected(redirect.get(), refusal.error(), state);
        }
        return new Valid(app.get(), redirect.get(), requested, scopes, state, resource, challenge);
    }
}
