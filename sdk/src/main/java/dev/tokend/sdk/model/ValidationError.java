package dev.tokend.sdk.model;

/** One field-level validation failure inside a {@link Response}. */
public record ValidationError(String field, String detail) {}
