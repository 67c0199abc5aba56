package dev.tokend.sdk.model;

import java.util.List;

/**
 * Creates an OAuth2 app. {@code redirect_uris} (or the single {@code callback_url}) is required;
 * {@code client_type} is {@code confidential} (default) or {@code public}; {@code grant_types}
 * defaults to {@code [authorization_code, refresh_token]}; {@code scopes} caps what tokens of the
 * app may carry (empty = {@code coder:all}).
 */
public record PostOAuth2ProviderAppRequest(String name, String callbackUrl, String icon, List<String> redirectUris,
        String clientType, List<String> grantTypes, List<String> scopes) {
    public static PostOAuth2ProviderAppRequest of(String name, String callbackUrl) {
        return new PostOAuth2ProviderAppRequest(name, callbackUrl, "", null, null, null, null);
    }
}
