package dev.tokend.tests.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokend.server.oauth2.Pkce;
import dev.tokend.testkit.OAuth2Apps;
import dev.tokend.testkit.OAuth2Apps.App;
import dev.tokend.testkit.RawHttp;
import dev.tokend.testkit.TestServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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

    static App createApp(TestServer server, TestServer.Account owner, List<String> grantTypes, List<String> scopes,
            String clientType) {
        return OAuth2Apps.create(server, owner,
                OAuth2Apps.fields("app-" + TestServer.uniqueUsername(), REDIRECT, clientType, grantTypes, scopes));
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
        return OAuth2Apps.encode(params);
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
        return server.http().post(path).cookie("coder_session_token", user.token())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(OAuth2Apps.encode(fields).getBytes(StandardCharsets.UTF_8)).send();
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
        return OAuth2Apps.query(answer.header("Location")).get("code");
    }

    /** Exchanges a code with the standard verifier and redirect URI. */
    static JsonNode exchange(TestServer server, App app, String code) {
        RawHttp.Response r = OAuth2Apps.token(server, app, Map.of("grant_type", "authorization_code", "code", code,
                "code_verifier", VERIFIER, "redirect_uri", REDIRECT));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static String unescape(String s) {
        return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
