package dev.tokend.sdk.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.util.List;

/**
 * {@code POST /api/v2/users/{user}/keys/tokens}. {@code lifetime} is in nanoseconds (a Go
 * duration); 0 means the server's default. {@code scope} is the deprecated single scope.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateTokenRequest(
        long lifetime,
        String scope,
        List<String> scopes,
        String tokenName,
        List<AllowListTarget> allowList) {

    /** A token named {@code name} (empty for a generated name) valid for {@code lifetime} (null: default). */
    public static CreateTokenRequest of(String name, Duration lifetime, List<String> scopes,
            List<AllowListTarget> allowList) {
        return new CreateTokenRequest(lifetime == null ? 0 : lifetime.toNanos(), null, scopes, name, allowList);
    }
}
