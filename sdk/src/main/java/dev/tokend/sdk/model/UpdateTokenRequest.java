package dev.tokend.sdk.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code PATCH /api/v2/users/{user}/keys/tokens/{name}}: every field is optional (null = unchanged).
 * {@code lifetime} is in nanoseconds and restarts the token's lifetime from now. An empty
 * {@code allow_list} resets it to {@code *:*}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpdateTokenRequest(String scope, List<String> scopes, List<AllowListTarget> allowList, Long lifetime) {}
