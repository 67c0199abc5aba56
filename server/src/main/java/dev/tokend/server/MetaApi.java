package dev.tokend.server;

import dev.tokend.sdk.model.BuildInfo;
import dev.tokend.server.http.Http;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Supplier;

/** {@code /healthz} and {@code /api/v2/buildinfo}. */
public final class MetaApi {
    /** The version this build was made from (Maven project version). */
    public static final String VERSION = readVersion();

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
        Http.json(res, 200, new BuildInfo(url, VERSION, url, false, false, "", deploymentId.toString()));
    }

    private static String readVersion() {
        try (InputStream in = MetaApi.class.getResourceAsStream("/dev/tokend/server/version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
