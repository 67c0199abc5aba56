package dev.tokend.sdk.model;

import java.util.List;

/** Replaces an OAuth2 app's settings (the client type cannot change). */
public record PutOAuth2ProviderAppRequest(String name, String callbackUrl, String icon, List<String> redirectUris,
        List<String> grantTypes, List<String> scopes) {}
