package dev.tokend.server.api;

import dev.tokend.server.db.ApiKeyRow;

import dev.tokend.sdk.model.AllowListTarget;
import dev.tokend.sdk.model.ApiKey;
import dev.tokend.sdk.model.ApiKeyWithOwner;
import dev.tokend.server.rbac.AllowList;
import dev.tokend.server.rbac.Scopes;

/** API-key rows as the API shows them: no secret, no hash, allow lists as {@code {type, id}} objects. */
public final class ApiKeyViews {
    private ApiKeyViews() {}

    public static ApiKey toApi(ApiKeyRow row) {
        return new ApiKey(row.id(), row.userId(), row.lastUsed(), row.expiresAt(), row.createdAt(), row.updatedAt(),
                row.loginType(), Scopes.legacyProjection(row.scopes()), row.scopes(), row.tokenName(),
                row.lifetimeSeconds(),
                row.allowList().stream().map(AllowList.Entry::of)
                        .map(e -> new AllowListTarget(e.type(), e.id())).toList());
    }

    public static ApiKeyWithOwner toApi(ApiKeyRow row, String username) {
        return ApiKeyWithOwner.of(toApi(row), username == null ? "" : username);
    }
}
