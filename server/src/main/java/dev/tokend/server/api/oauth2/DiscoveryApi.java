package dev.tokend.server.api.oauth2;

import dev.tokend.server.http.Http;
import dev.tokend.server.oauth2.GrantTypes;
import dev.tokend.server.oauth2.Pkce;
import dev.tokend.server.rbac.Scopes;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Metadata documents: RFC 8414 authorization server metadata and RFC 9728 protected resource
 * metadata (which the middleware's {@code WWW-Authenticate} points at). They list exactly what is
 * implemented: nothing here may be advertised that an endpoint does not do.
 */
public final class DiscoveryApi {
    private final Supplier<URI> accessUrl;

    public DiscoveryApi(Supplier<URI> accessUrl) {
        this.accessUrl = Objects.requireNonNull(accessUrl);
    }

    /** {@code GET /.well-known/oauth-authorization-server}. */
    public void authorizationServer(ServerRequest req, ServerResponse res) {
        String issuer = issuer();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("issuer", issuer);
        body.put("authorization_endpoint", issuer + "/oauth2/authorize");
        body.put("token_endpoint", issuer + "/oauth2/tokens");
        body.put("registration_endpoint", issuer + "/oauth2/register");
        body.put("revocation_endpoint", issuer + "/oauth2/revoke");
        body.put("introspection_endpoint", issuer + "/oauth2/introspect");
        body.put("device_authorization_endpoint", issuer + "/oauth2/device");
        body.put("response_types_supported", List.of("code"));
        body.put("response_modes_supported", List.of("query"));
        body.put("grant_types_supported", GrantTypes.ALL);
        body.put("code_challenge_methods_supported", List.of(Pkce.S256));
        body.put("scopes_supported", Scopes.external());
        body.put("token_endpoint_auth_methods_supported", GrantTypes.AUTH_METHODS);
        body.put("revocation_endpoint_auth_methods_supported", GrantTypes.AUTH_METHODS);
        body.put("introspection_endpoint_auth_methods_supported", GrantTypes.AUTH_METHODS);
        Http.json(res, 200, body);
    }

    /** {@code GET /.well-known/oauth-protected-resource}: bearer tokens in the header only (OAuth 2.1). */
    public void protectedResource(ServerRequest req, ServerResponse res) {
        String issuer = issuer();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("resource", issuer);
        body.put("authorization_servers", List.of(issuer));
        body.put("scopes_supported", Scopes.external());
        body.put("bearer_methods_supported", List.of("header"));
        body.put("resource_name", "tokend");
        Http.json(res, 200, body);
    }

    private String issuer() {
        String url = accessUrl.get().toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
