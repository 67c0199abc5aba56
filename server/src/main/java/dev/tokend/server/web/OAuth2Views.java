package dev.tokend.server.web;

import java.util.List;
import java.util.Map;

/**
 * The views of the OAuth2 pages' templates ({@code oauth2-consent.jte}, {@code oauth2-device.jte}),
 * rendered by {@link OAuth2Pages}; the consent page is sent with the redirect URI's origin added to
 * the CSP's {@code form-action} ({@code view.send(res, 200, "oauth2-consent.jte", frame, consent, origin)}).
 */
public final class OAuth2Views {
    private OAuth2Views() {}

    /**
     * The consent page. {@code fields} are the authorization request's parameters, echoed as hidden
     * fields; {@code scopes} empty or {@code coder:all} reads as full access (reference F.4).
     */
    public record Consent(String appName, String username, List<String> scopes, String resource, String redirectUri,
            String csrf, Map<String, String> fields) {}

    /** The device page: no {@code appName} = the code form; otherwise approve or deny that code. */
    public record Device(String appName, String username, List<String> scopes, String userCode, String csrf,
            String error) {}
}
