package dev.tokend.testkit;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OAuth2 apps for tests (integration and browser): made through the admin API, and the token
 * endpoint called as the app, with HTTP Basic client authentication when it has a secret.
 */
public final class OAuth2Apps {
    private OAuth2Apps() {}

    /** A registered app: its client id and, for a confidential one, a client secret ("" for a public one). */
    public record App(String clientId, String secret) {}

    /**
     * Creates an app as {@code owner} ({@code POST /api/v2/oauth2-provider/apps} with {@code fields}:
     * name, redirect_uris, client_type, grant_types, scopes…) and, unless its {@code client_type} is
     * {@code public}, its first secret.
     */
    public static App create(TestServer server, TestServer.Account owner, Map<String, Object> fields) {
        RawHttp.Response created = server.http().post("/api/v2/oauth2-provider/apps").sessionToken(owner.token())
                .json(fields).send();
        expect(created, 201);
        String id = created.json().path("id").asText();
        if ("public".equals(fields.get("client_type"))) {
            return new App(id, "");
        }
        RawHttp.Response secret = server.http().post("/api/v2/oauth2-provider/apps/" + id + "/secrets")
                .sessionToken(owner.token()).send();
        expect(secret, 201);
        return new App(id, secret.json().path("client_secret_full").asText());
    }

    /** The body of an app with one redirect URI ({@code scopes} null: not sent). */
    public static Map<String, Object> fields(String name, String redirectUri, String clientType,
            List<String> grantTypes, List<String> scopes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("redirect_uris", List.of(redirectUri));
        body.put("client_type", clientType);
        body.put("grant_types", grantTypes);
        if (scopes != null) {
            body.put("scopes", scopes);
        }
        return body;
    }

    /** POSTs {@code fields} to the token endpoint as {@code app}: HTTP Basic when it has a secret. */
    public static RawHttp.Response token(TestServer server, App app, Map<String, String> fields) {
        return form(server, "/oauth2/tokens", app.secret().isEmpty() ? null : basic(app), fields);
    }

    /** POSTs a form to {@code path}, with an {@code Authorization} header unless it is null. */
    public static RawHttp.Response form(TestServer server, String path, String authorization,
            Map<String, String> fields) {
        RawHttp.Request request = server.http().post(path).header("Content-Type", "application/x-www-form-urlencoded")
                .body(encode(fields).getBytes(StandardCharsets.UTF_8));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.send();
    }

    /** The HTTP Basic credentials of a confidential app (RFC 6749 §2.3.1: each part form-encoded). */
    public static String basic(App app) {
        return "Basic " + Base64.getEncoder().encodeToString(
                (enc(app.clientId()) + ":" + enc(app.secret())).getBytes(StandardCharsets.UTF_8));
    }

    /** The decoded query parameters of a URL, in order. */
    public static Map<String, String> query(String url) {
        Map<String, String> out = new LinkedHashMap<>();
        String q = URI.create(url).getRawQuery();
        if (q != null) {
            for (String pair : q.split("&")) {
                int eq = pair.indexOf('=');
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** {@code fields} as {@code application/x-www-form-urlencoded} (also a query string), in their order. */
    public static String encode(Map<String, String> fields) {
        StringBuilder out = new StringBuilder();
        fields.forEach((k, v) -> out.append(out.isEmpty() ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        return out.toString();
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void expect(RawHttp.Response response, int status) {
        if (response.status() != status) {
            throw new AssertionError("expected " + status + ", got " + response.status() + ": " + response.body());
        }
    }
}
