package dev.tokend.sdk.model;

import java.util.UUID;

/** Answer of {@code POST /api/v2/users/first}. */
public record CreateFirstUserResponse(UUID userId, UUID organizationId) {}
