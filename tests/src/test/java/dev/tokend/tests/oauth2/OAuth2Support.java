package dev.tokend.tests.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokend.server.oauth2.Pkce;
import dev.tokend.testkit.RawHttp;
import dev.tokend.testkit.TestServer;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fixtures for the OAuth2 tests: apps made through the admin API, and a browser that signs the
 * consent form in-process (GET the page with the session cookie, read its hidden fields, POST them).
 */
final class OAuth2Support {
    static final String REDIRECT = "http://127.0.0.1:9999/callback";
    static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk0123456789";
    static final String CHALLENGE = Pkce.challenge(VERIFIER);
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

    private OAuth2Support() {}

    /** A registered app: its client id and (for confidential ones) a secret. */
    record App(String clientId, String secret) {}

    static App createApp(TestServer server, TestServer.Account owner, List<String> grantTypes, List<String> scopes,
            String clientType) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "app-" + TestServer.uniqueUsername());
        body.put("redirect_uris", List.of(REDIRECT));
        body.put("grant_types", grantTypes);
        body.put("scopes", scopes);
        body.put("client_type", clientType);
        RawHttp.Response created = server.http().post("/api/v2/oauth2-provider/apps").sessionToken(owner.token())
                .json(body).send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asText();
        if (clientType.equals("public")) {
            return new App(id, "");
        }
        RawHttp.Response secret = server.http().post("/api/v2/oauth2-provider/apps/" + id + "/secrets")
                .sessionToken(owner.token()).send();
        assertThat(secret.status()).as(secret.body()).isEqualTo(201);
        return new App(id, secret.json().path("client_secret_full").asText());
    }

    static App confidentialApp(TestServer server, TestServer.Account owner) {
        return createApp(server, owner, List.of("authorization_code", "refresh_token"), List.of(), "confidential");
    }

    /** The query of a standard authorization request; {@code extra} adds or (with null) removes parameters. */
    static String authorizeQuery(String clientId, Map<String, String> extra) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", clientId);
        params.put("response_type", "code");
        params.put("redirect_uri", REDIRECT);
        params.put("scope", "user:read");
        params.put("state", "xyz-state");
        params.put("code_challenge", CHALLENGE);
        params.put("code_challenge_method", "S256");
        extra.forEach((k, v) -> {
            if (v == null) {
                params.remove(k);
            } else {
                params.put(k, v);
            }
        });
        StringBuilder q = new StringBuilder();
        params.forEach((k, v) -> q.append(q.isEmpty() ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        return q.toString();
    }

    /** GET the consent page as a browser signed in as {@code user}. */
    static RawHttp.Response consentPage(TestServer server, TestServer.Account user, String pathAndQuery) {
        return server.http().get(pathAndQuery).cookie("coder_session_token", user.token()).send();
    }

    /** Signs the consent form shown on {@code page} ({@code approve} or {@code deny}); answers the POST. */
    static RawHttp.Response submit(TestServer server, TestServer.Account user, RawHttp.Response page, String decision) {
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        Map<String, String> fields = hiddenFields(page.body());
        fields.put("decision", decision);
        return postForm(server, user, "/oauth2/authorize", fields);
    }

    static RawHttp.Response postForm(TestServer server, TestServer.Account user, String path, Map<String, String> fields) {
        StringBuilder form = new StringBuilder();
        fields.forEach((k, v) -> form.append(form.isEmpty() ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        return server.http().post(path).cookie("coder_session_token", user.token())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(form.toString().getBytes(StandardCharsets.UTF_8)).send();
    }

    static Map<String, String> hiddenFields(String html) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = HIDDEN.matcher(html);
        while (m.find()) {
            fields.put(unescape(m.group(1)), unescape(m.group(2)));
        }
        return fields;
    }

    /** Approves a standard request and returns the code from the redirect. */
    static String code(TestServer server, TestServer.Account user, String clientId, Map<String, String> extra) {
        RawHttp.Response page = consentPage(server, user, "/oauth2/authorize?" + authorizeQuery(clientId, extra));
        RawHttp.Response answer = submit(server, user, page, "approve");
        assertThat(answer.status()).as(answer.body()).isEqualTo(302);
        return query(answer.header("Location")).get("code");
    }

    /** The query parameters of a URI. */
    static Map<String, String> query(String uri) {
        Map<String, String> out = new HashMap<>();
        String q = URI.create(uri).getRawQuery();
        if (q == null) {
            return out;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** POST a form to a protocol endpoint with HTTP Basic client authentication. */
    static RawHttp.Response token(TestServer server, App app, Map<String, String> fields) {
        StringBuilder form = new StringBuilder();
        fields.forEach((k, v) -> form.append(form.isEmpty() ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        RawHttp.Request request = server.http().post("/oauth2/tokens")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(form.toString().getBytes(StandardCharsets.UTF_8));
        if (!app.secret().isEmpty()) {
            request.header("Authorization", basic(app));
        }
        return request.send();
    }

    static RawHttp.Response form(TestServer server, String path, String authorization, Map<String, String> fields) {
        StringBuilder form = new StringBuilder();
        fields.forEach((k, v) -> form.append(form.isEmpty() ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        RawHttp.Request request = server.http().post(path).header("Content-Type", "application/x-www-form-urlencoded")
                .body(form.toString().getBytes(StandardCharsets.UTF_8));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.send();
    }

    static String basic(App app) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(
                (enc(app.clientId()) + ":" + enc(app.secret())).getBytes(StandardCharsets.UTF_8));
    }

    /** Exchanges a code with the standard verifier and redirect URI. */
    static JsonNode exchange(TestServer server, App app, String code) {
        RawHttp.Response r = token(server, app, Map.of("grant_type", "authorization_code", "code", code,
                "code_verifier", VERIFIER, "redirect_uri", REDIRECT));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String unescape(String s) {
        return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
