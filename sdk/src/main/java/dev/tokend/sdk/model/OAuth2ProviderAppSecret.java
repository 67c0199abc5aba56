package dev.tokend.sdk.model;

import java.time.Instant;

/** A client secret as listed: never the secret, only a truncated form to recognise it by. */
public record OAuth2ProviderAppSecret(String id, Instant lastUsedAt, String clientSecretTruncated) {}
