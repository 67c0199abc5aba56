package dev.tokend.server.api;

import dev.tokend.sdk.model.GenerateApiKeyResponse;
import dev.tokend.server.http.Http;
import dev.tokend.server.http.middleware.ApiKeyMiddleware;
import dev.tokend.server.http.middleware.UserParam;
import dev.tokend.server.store.AuthorizedKeys;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Objects;

/** API-key endpoints under {@code /users/{user}/keys} (spec §2.2). */
public final class KeysApi {
    private final AuthorizedKeys keys;

    public KeysApi(AuthorizedKeys keys) {
        this.keys = Objects.requireNonNull(keys);
    }

    /**
     * K1 {@code POST /users/{user}/keys}: a session-style key for the CLI ({@code tokend login --token}),
     * valid for the default token lifetime and never sliding (tokend decision), and never more than
     * the calling key may do. No cookie is set.
     */
    public void createSessionKey(ServerRequest req, ServerResponse res) {
        var minted = keys.createCliKey(ApiKeyMiddleware.actor(req), UserParam.required(req));
        Http.json(res, 201, new GenerateApiKeyResponse(minted.token()));
    }
}
