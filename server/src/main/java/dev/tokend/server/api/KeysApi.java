package dev.tokend.server.api;

import dev.tokend.server.auth.TokenKind;
import dev.tokend.server.db.ApiKeyDao;
import dev.tokend.server.store.ApiKeyMinter;

import dev.tokend.sdk.model.GenerateApiKeyResponse;
import dev.tokend.server.auth.ValidationResult.Authenticated;
import dev.tokend.server.audit.AuditEntry;
import dev.tokend.server.store.Auditor;
import dev.tokend.server.audit.Diffs;
import dev.tokend.server.error.ApiError;
import dev.tokend.server.http.Http;
import dev.tokend.server.http.RequestInfo;
import dev.tokend.server.http.middleware.ApiKeyMiddleware;
import dev.tokend.server.http.middleware.UserParam;
import dev.tokend.server.rbac.Action;
import dev.tokend.server.store.Authz;
import dev.tokend.server.rbac.RbacObject;
import dev.tokend.server.db.UserRow;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/** API-key endpoints under {@code /users/{user}/keys} (spec §2.2). */
public final class KeysApi {
    private final Jdbi jdbi;
    private final Authz authz;
    private final Auditor auditor;
    private final ApiKeyMinter minter;
    private final Duration defaultTokenLifetime;

    public KeysApi(Jdbi jdbi, Authz authz, Auditor auditor, ApiKeyMinter minter, Duration defaultTokenLifetime) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.authz = Objects.requireNonNull(authz);
        this.auditor = Objects.requireNonNull(auditor);
        this.minter = Objects.requireNonNull(minter);
        this.defaultTokenLifetime = Objects.requireNonNull(defaultTokenLifetime);
    }

    /**
     * K1 {@code POST /users/{user}/keys}: a session-style key for the CLI ({@code tokend login --token}),
     * valid for the default token lifetime and never sliding (tokend decision). No cookie is set.
     */
    public void createSessionKey(ServerRequest req, ServerResponse res) {
        Authenticated auth = ApiKeyMiddleware.required(req);
        UserRow target = UserParam.required(req);
        AuditEntry audit = auditor.begin(req, "api_key", "create").resource(target.id(), "");
        ApiKeyMinter.Minted minted = auditor.attempt(audit, () -> {
            if (target.isSystem()) {
                throw ApiError.forbidden(); // system users never receive keys through the API
            }
            authz.require(auth.subject(), Action.CREATE, RbacObject.apiKey("", target.id()));
            String ip = RequestInfo.of(req).clientIp().getHostAddress();
            return jdbi.inTransaction(handle -> {
                ApiKeyMinter.Minted m = minter.mint(handle.attach(ApiKeyDao.class),
                        new ApiKeyMinter.Request(target.id(), "password", TokenKind.SESSION, defaultTokenLifetime,
                                false, "", ApiKeyMinter.ALL_SCOPES, ApiKeyMinter.ALLOW_ALL, ip));
                auditor.write(handle, audit.diff(Diffs.apiKey(null, m.row()))
                        .additionalFields(Diffs.apiKeyFields(m.row())), 201);
                return m;
            });
        });
        Http.json(res, 201, new GenerateApiKeyResponse(minted.token()));
    }
}
