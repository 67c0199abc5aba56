package dev.tokend.sdk.model;

import java.util.List;

/** {@code GET /api/v2/auth/scopes}: every scope name a token may request, sorted. */
public record ScopeCatalog(List<String> external) {}
