package dev.tokend.sdk.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An OAuth2 client registered with tokend ({@code /api/v2/oauth2-provider/apps}). {@code id} is the
 * {@code client_id}; {@code callback_url} is the first redirect URI (the reference's field).
 */
public record OAuth2ProviderApp(UUID id, String name, String callbackUrl, String icon, List<String> redirectUris,
        String clientType, List<String> grantTypes, List<String> scopes, boolean dynamicallyRegistered,
        Instant createdAt, Endpoints endpoints) {
    /** The protocol endpoints the app talks to. */
    public record Endpoints(String authorization, String token, String deviceAuthorization) {}
}
