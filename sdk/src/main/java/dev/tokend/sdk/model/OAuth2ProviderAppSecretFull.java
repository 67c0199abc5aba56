package dev.tokend.sdk.model;

/** A newly created client secret: the only time it is shown. {@link #toString()} hides it. */
public record OAuth2ProviderAppSecretFull(String id, String clientSecretFull) {
    @Override
    public String toString() {
        return "OAuth2ProviderAppSecretFull[id=" + id + "]";
    }
}
