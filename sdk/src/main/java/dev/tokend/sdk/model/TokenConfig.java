package dev.tokend.sdk.model;

/** {@code GET /api/v2/users/{user}/keys/tokens/tokenconfig}: the target user's maximum, in nanoseconds. */
public record TokenConfig(long maxTokenLifetime) {}
