package dev.tokend.server.api.oauth2;

import dev.tokend.sdk.model.OAuth2ProviderApp;
import dev.tokend.sdk.model.OAuth2ProviderAppSecret;
import dev.tokend.sdk.model.OAuth2ProviderAppSecretFull;
import dev.tokend.sdk.model.PostOAuth2ProviderAppRequest;
import dev.tokend.sdk.model.PutOAuth2ProviderAppRequest;
import dev.tokend.server.db.OAuth2Rows;
import dev.tokend.server.error.ApiError;
import dev.tokend.server.http.Http;
import dev.tokend.server.http.JsonBody;
import dev.tokend.server.http.middleware.ApiKeyMiddleware;
import dev.tokend.server.store.OAuth2Clients;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The admin API for OAuth2 apps, {@code /api/v2/oauth2-provider/apps[/{app}[/secrets[/{secretID}]]]}
 * (reference §2.5, §8.1). Parses and renders; authorization (owners) and audit are in
 * {@link OAuth2Clients}. A secret is shown in full once, when created.
 */
public final class OAuth2AppsApi {
    private final OAuth2Clients clients;
    private final Supplier<URI> accessUrl;

    public OAuth2AppsApi(OAuth2Clients clients, Supplier<URI> accessUrl) {
        this.clients = Objects.requireNonNull(clients);
        this.accessUrl = Objects.requireNonNull(accessUrl);
    }

    public void list(ServerRequest req, ServerResponse res) {
        Http.json(res, 200, clients.list(ApiKeyMiddleware.actor(req)).stream().map(this::view).toList());
    }

    public void create(ServerRequest req, ServerResponse res) {
        PostOAuth2ProviderAppRequest body = JsonBody.read(req, PostOAuth2ProviderAppRequest.class);
        Http.json(res, 201, view(clients.create(ApiKeyMiddleware.actor(req), createSpec(body))));
    }

    /** The app a create request describes (the web UI's form is parsed into the same request). */
    public static OAuth2Clients.AppSpec createSpec(PostOAuth2ProviderAppRequest body) {
        return new OAuth2Clients.AppSpec(body.name(), body.icon(), redirectUris(body.redirectUris(),
                body.callbackUrl()), body.clientType(), body.grantTypes(), body.scopes(), null, null, null, null, null,
                null);
    }

    /** The protocol endpoints an app's developer needs, under the deployment's access URL. */
    public static OAuth2ProviderApp.Endpoints endpoints(URI accessUrl) {
        String base = accessUrl.toString().replaceAll("/$", "");
        return new OAuth2ProviderApp.Endpoints(base + "/oauth2/authorize", base + "/oauth2/tokens",
                base + "/oauth2/device");
    }

    public void get(ServerRequest req, ServerResponse res) {
        Http.json(res, 200, view(clients.get(ApiKeyMiddleware.actor(req), appId(req))));
    }

    public void update(ServerRequest req, ServerResponse res) {
        var actor = ApiKeyMiddleware.actor(req);
        UUID id = appId(req);
        OAuth2Rows.App current = clients.get(actor, id);
        PutOAuth2ProviderAppRequest body = JsonBody.read(req, PutOAuth2ProviderAppRequest.class);
        Http.json(res, 200, view(clients.update(actor, id, updateSpec(current, body))));
    }

    /**
     * What an update request makes of the app {@code current} (the web UI's edit form is parsed into
     * the same request): the client type and the registration metadata stay as they are.
     */
    public static OAuth2Clients.AppSpec updateSpec(OAuth2Rows.App current, PutOAuth2ProviderAppRequest body) {
        return new OAuth2Clients.AppSpec(body.name(), body.icon(), redirectUris(body.redirectUris(),
                body.callbackUrl()), current.clientType(), body.grantTypes(), body.scopes(),
                current.tokenEndpointAuthMethod(), current.clientUri(), current.logoUri(), current.contacts(),
                current.softwareId(), current.softwareVersion());
    }

    public void delete(ServerRequest req, ServerResponse res) {
        clients.delete(ApiKeyMiddleware.actor(req), appId(req));
        Http.noContent(res);
    }

    public void secrets(ServerRequest req, ServerResponse res) {
        Http.json(res, 200, clients.secrets(ApiKeyMiddleware.actor(req), appId(req)).stream()
                .map(s -> new OAuth2ProviderAppSecret(s.id(), s.lastUsedAt(), s.displaySecret())).toList());
    }

    public void createSecret(ServerRequest req, ServerResponse res) {
        OAuth2Clients.NewSecret created = clients.createSecret(ApiKeyMiddleware.actor(req), appId(req));
        Http.json(res, 201, new OAuth2ProviderAppSecretFull(created.row().id(), created.secret()));
    }

    public void deleteSecret(ServerRequest req, ServerResponse res) {
        String secretId = req.path().pathParameters().first("secretID").orElse("");
        clients.deleteSecret(ApiKeyMiddleware.actor(req), appId(req), secretId);
        Http.noContent(res);
    }

    private OAuth2ProviderApp view(OAuth2Rows.App app) {
        return new OAuth2ProviderApp(app.id(), app.name(), app.redirectUris().isEmpty() ? "" : app.redirectUris().getFirst(),
                app.icon(), app.redirectUris(), app.clientType(), app.grantTypes(), app.scopes(),
                app.dynamicallyRegistered(), app.createdAt(), endpoints(accessUrl.get()));
    }

    private static List<String> redirectUris(List<String> uris, String callbackUrl) {
        if (uris != null && !uris.isEmpty()) {
            return uris;
        }
        return callbackUrl == null || callbackUrl.isEmpty() ? List.of() : List.of(callbackUrl);
    }

    /** The {@code {app}} path parameter; not a UUID is the same 404 as a missing app. */
    public static UUID appId(ServerRequest req) {
        String raw = req.path().pathParameters().first("app").orElse("");
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw ApiError.notFound();
        }
    }
}
