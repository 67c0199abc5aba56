package dev.tokend.sdk.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code GET /api/v2/users/authmethods}. */
public record AuthMethods(String termsOfServiceUrl, Password password, Github github, Oidc oidc) {
    public record Password(boolean enabled) {}

    public record Github(boolean enabled, boolean defaultProviderConfigured) {}

    // NOTE: the reference spells these two camelCase on the wire; clients depend on it.
    public record Oidc(
            boolean enabled,
            @JsonProperty("signInText") String signInText,
            @JsonProperty("iconUrl") String iconUrl) {}
}
