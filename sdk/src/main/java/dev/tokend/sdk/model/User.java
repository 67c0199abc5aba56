package dev.tokend.sdk.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A user as the API shows it. Never carries a password hash. */
public record User(
        UUID id,
        String username,
        String name,
        String email,
        String avatarUrl,
        Instant createdAt,
        Instant updatedAt,
        Instant lastSeenAt,
        String status,
        String loginType,
        String themePreference,
        List<UUID> organizationIds,
        List<SlimRole> roles) {}
