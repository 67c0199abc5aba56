package dev.tokend.server.api;

import dev.tokend.sdk.model.BuildInfo;
import dev.tokend.server.http.Http;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/** {@code /healthz} and {@code /api/v2/buildinfo}. */
public final class MetaApi {
    private final Supplier<URI> accessUrl;
    private final UUID deploymentId;

    public MetaApi(Supplier<URI> accessUrl, UUID deploymentId) {
        this.accessUrl = Objects.requireNonNull(accessUrl);
        this.deploymentId = Objects.requireNonNull(deploymentId);
    }

    public void healthz(ServerRequest req, ServerResponse res) {
        Http.text(res, 200, "OK");
    }

    public void buildInfo(ServerRequest req, ServerResponse res) {
        String url = accessUrl.get().toString();
        Http.json(res, 200, new BuildInfo(url, dev.tokend.sdk.Version.VERSION, url, false, false, "", deploymentId.toString()));
    }
}
