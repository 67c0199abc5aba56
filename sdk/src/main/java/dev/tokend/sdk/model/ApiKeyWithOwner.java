package dev.tokend.sdk.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An {@link ApiKey} plus its owner's username, as token listings show it. */
public record ApiKeyWithOwner(
        String id,
        UUID userId,
        Instant lastUsed,
        Instant expiresAt,
        Instant createdAt,
        Instant updatedAt,
        String loginType,
        String scope,
        List<String> scopes,
        String tokenName,
        long lifetimeSeconds,
        List<AllowListTarget> allowList,
        String username) {

    public static ApiKeyWithOwner of(ApiKey k, String username) {
        return new ApiKeyWithOwner(k.id(), k.userId(), k.lastUsed(), k.expiresAt(), k.createdAt(), k.updatedAt(),
                k.loginType(), k.scope(), k.scopes(), k.tokenName(), k.lifetimeSeconds(), k.allowList(), username);
    }

    public ApiKey apiKey() {
        return new ApiKey(id, userId, lastUsed, expiresAt, createdAt, updatedAt, loginType, scope, scopes, tokenName,
                lifetimeSeconds, allowList);
    }
}
