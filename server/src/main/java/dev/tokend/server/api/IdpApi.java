package dev.tokend.server.api;

import dev.tokend.sdk.model.AuthMethods;
import dev.tokend.server.IdpOptions;
import dev.tokend.server.http.Http;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Objects;

/** {@code GET /users/authmethods} (reference §D.1): which sign-in methods this deployment offers. */
public final class IdpApi {
    private final IdpOptions idp;
    private final boolean disablePasswordAuth;

    public IdpApi(IdpOptions idp, boolean disablePasswordAuth) {
        this.idp = Objects.requireNonNull(idp);
        this.disablePasswordAuth = disablePasswordAuth;
    }

    /** {@code signInText}/{@code iconUrl} are empty whenever OIDC is off; tokend has no default GitHub app. */
    public void authMethods(ServerRequest req, ServerResponse res) {
        boolean oidc = idp.oidc().enabled();
        Http.json(res, 200, new AuthMethods("", new AuthMethods.Password(!disablePasswordAuth),
                new AuthMethods.Github(idp.github().enabled(), false),
                new AuthMethods.Oidc(oidc, oidc ? idp.oidc().signInText() : "", oidc ? idp.oidc().iconUrl() : "")));
    }
}
