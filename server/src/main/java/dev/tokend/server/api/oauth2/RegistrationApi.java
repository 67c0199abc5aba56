package dev.tokend.server.api.oauth2;

import dev.tokend.server.db.OAuth2Rows;
import dev.tokend.server.error.ApiError;
import dev.tokend.server.http.Http;
import dev.tokend.server.http.JsonBody;
import dev.tokend.server.http.RequestInfo;
import dev.tokend.server.http.middleware.TokenExtractor;
import dev.tokend.server.oauth2.OAuth2Error;
import dev.tokend.server.oauth2.ScopeNegotiation;
import dev.tokend.server.store.OAuth2Clients;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Dynamic client registration (RFC 7591) at {@code POST /oauth2/register} and its management
 * (RFC 7592) at {@code /oauth2/clients/{client_id}} with the registration access token.
 */
public final class RegistrationApi {
    /** RFC 7591 §2 client metadata, as much of it as tokend keeps. */
    record Metadata(List<String> redirectUris, String clientName, String clientUri, String logoUri,
            List<String> contacts, String softwareId, String softwareVersion, List<String> grantTypes,
            List<String> responseTypes, String tokenEndpointAuthMethod, String scope) {}

    private final OAuth2Clients clients;
    private final Supplier<URI> accessUrl;

    public RegistrationApi(OAuth2Clients clients, Supplier<URI> accessUrl) {
        this.clients = Objects.requireNonNull(clients);
        this.accessUrl = Objects.requireNonNull(accessUrl);
    }

    /** {@code POST /oauth2/register}: 201 with the client's metadata and credentials (shown once). */
    public void register(ServerRequest req, ServerResponse res) {
        OAuth2Clients.AppSpec spec = spec(read(req));
        String source = RequestInfo.of(req).clientIp().getHostAddress();
        OAuth2Clients.Registered registered = clients.register(OAuth2Http.systemActor(req), spec, source);
        Map<String, Object> body = describe(registered.app());
        if (!registered.clientSecret().isEmpty()) {
            body.put("client_secret", registered.clientSecret());
            body.put("client_secret_expires_at", 0);
        }
        body.put("registration_access_token", registered.registrationAccessToken());
        Http.json(res, 201, body);
    }

    /** {@code GET /oauth2/clients/{client_id}}. */
    public void get(ServerRequest req, ServerResponse res) {
        Http.json(res, 200, describe(clients.registered(clientId(req), bearer(req))));
    }

    /** {@code PUT /oauth2/clients/{client_id}}: replaces the metadata (RFC 7592 §2.2). */
    public void update(ServerRequest req, ServerResponse res) {
        Optional<String> bearer = bearer(req);
        clients.registered(clientId(req), bearer); // authenticate before reading the body
        OAuth2Clients.AppSpec spec = spec(read(req));
        Http.json(res, 200, describe(clients.updateRegistered(OAuth2Http.systemActor(req), clientId(req), bearer,
                spec)));
    }

    /** {@code DELETE /oauth2/clients/{client_id}}: 204; its tokens go with it. */
    public void delete(ServerRequest req, ServerResponse res) {
        clients.deleteRegistered(OAuth2Http.systemActor(req), clientId(req), bearer(req));
        Http.noContent(res);
    }

    private static Metadata read(ServerRequest req) {
        try {
            return JsonBody.read(req, Metadata.class);
        } catch (ApiError e) {
            throw OAuth2Error.invalidClientMetadata("The request body must be a JSON object of client metadata")
                    .exception();
        }
    }

    private static OAuth2Clients.AppSpec spec(Metadata m) {
        if (m.responseTypes() != null && !List.of("code").containsAll(m.responseTypes())) {
            throw OAuth2Error.invalidClientMetadata("Supported response_types: [code]").exception();
        }
        String method = m.tokenEndpointAuthMethod();
        String type = "none".equals(method) ? "public" : "confidential";
        return new OAuth2Clients.AppSpec(m.clientName() == null || m.clientName().isBlank() ? "Unnamed client"
                : m.clientName(), "", m.redirectUris(), type, m.grantTypes(), ScopeNegotiation.parse(m.scope()),
                method, m.clientUri(), m.logoUri(), m.contacts(), m.softwareId(), m.softwareVersion());
    }

    private Map<String, Object> describe(OAuth2Rows.App app) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client_id", app.id().toString());
        body.put("client_id_issued_at", app.createdAt().getEpochSecond());
        body.put("client_name", app.name());
        body.put("redirect_uris", app.redirectUris());
        body.put("grant_types", app.grantTypes());
        body.put("response_types", List.of("code"));
        body.put("token_endpoint_auth_method", app.tokenEndpointAuthMethod());
        body.put("scope", ScopeNegotiation.format(app.scopes()));
        body.put("client_uri", app.clientUri());
        body.put("logo_uri", app.logoUri());
        body.put("contacts", app.contacts());
        body.put("software_id", app.softwareId());
        body.put("software_version", app.softwareVersion());
        String base = accessUrl.get().toString();
        body.put("registration_client_uri", (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + "/oauth2/clients/" + app.id());
        return body;
    }

    private static String clientId(ServerRequest req) {
        return req.path().pathParameters().first("client_id").orElse("");
    }

    /** The registration access token; the reference's three 401s for a missing or malformed header. */
    private static Optional<String> bearer(ServerRequest req) {
        String header = req.headers().first(HeaderNames.AUTHORIZATION).orElse("").strip();
        if (header.isEmpty()) {
            throw OAuth2Error.REGISTRATION_MISSING.exception();
        }
        Optional<String> token = TokenExtractor.bearer(req);
        if (token.isEmpty()) {
            throw OAuth2Error.REGISTRATION_NOT_BEARER.exception();
        }
        return token;
    }

}
