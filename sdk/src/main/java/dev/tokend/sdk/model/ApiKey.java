package dev.tokend.sdk.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An API key as the API shows it (reference §2.2). Never carries the secret or its hash.
 * {@code scope} is the deprecated single-scope projection of {@code scopes}.
 */
public record ApiKey(
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
        List<AllowListTarget> allowList) {}
