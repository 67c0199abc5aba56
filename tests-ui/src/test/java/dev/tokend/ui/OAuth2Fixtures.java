package dev.tokend.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.tokend.server.oauth2.Pkce;
import dev.tokend.testkit.RawHttp;
import dev.tokend.testkit.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** OAuth2 fixtures for the browser tests: apps made through the API, a loopback redirect target, the token endpoint. */
final class OAuth2Fixtures {
    static final String VERIFIER = "browser-test-verifier-0123456789-abcdefghijklmnopqrstuvwxyz";
    static final String CHALLENGE = Pkce.challenge(VERIFIER);
    static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

    private OAuth2Fixtures() {}

    /** An app of {@code owner}'s making (through the admin API): its client id and, when confidential, a secret. */
    record App(String clientId, String secret, String name) {}

    static App createApp(TestServer server, TestServer.Account owner, String name, String redirectUri,
            String clientType, List<String> grantTypes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("redirect_uris", List.of(redirectUri));
        body.put("client_type", clientType);
        body.put("grant_types", grantTypes);
        RawHttp.Response created = server.http().post("/api/v2/oauth2-provider/apps").sessionToken(owner.token())
                .json(body).send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asText();
        if (clientType.equals("public")) {
            return new App(id, "", name);
        }
        RawHttp.Response secret = server.http().post("/api/v2/oauth2-provider/apps/" + id + "/secrets")
                .sessionToken(owner.token()).send();
        assertThat(secret.status()).as(secret.body()).isEqualTo(201);
        return new App(id, secret.json().path("client_secret_full").asText(), name);
    }

    /** The authorization request's query (PKCE S256 with {@link #VERIFIER}). */
    static String authorizeQuery(App app, String redirectUri, String state, String scope) {
        return "response_type=code&client_id=" + enc(app.clientId()) + "&redirect_uri=" + enc(redirectUri)
                + "&state=" + enc(state) + "&code_challenge=" + enc(CHALLENGE) + "&code_challenge_method=S256"
                + "&scope=" + enc(scope);
    }

    /** POST to the token endpoint as the app (HTTP Basic when it has a secret, else {@code client_id}). */
    static RawHttp.Response token(TestServer server, App app, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (app.secret().isEmpty()) {
            all.put("client_id", app.clientId());
        }
        StringBuilder form = new StringBuilder();
        all.forEach((k, v) -> form.append(form.isEmpty() ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        RawHttp.Request request = server.http().post("/oauth2/tokens")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(form.toString().getBytes(StandardCharsets.UTF_8));
        if (!app.secret().isEmpty()) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (enc(app.clientId()) + ":" + enc(app.secret())).getBytes(StandardCharsets.UTF_8)));
        }
        return request.send();
    }

    /** The query parameters of a URL. */
    static Map<String, String> query(String url) {
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

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /**
     * The app's redirect target: a real HTTP server on a loopback port of its own (so another
     * origin than tokend's), which records each request it answers. That a request arrived here
     * proves the browser itself followed the redirect.
     */
    static final class Callback implements AutoCloseable {
        private final HttpServer http;
        private final BlockingQueue<URI> received = new LinkedBlockingQueue<>();

        Callback() {
            try {
                http = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            http.createContext("/callback", exchange -> {
                received.add(exchange.getRequestURI());
                byte[] page = ("<!doctype html><html lang=\"en\"><title>App</title><h1>The app got the answer</h1>"
                        + "</html>").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, page.length);
                exchange.getResponseBody().write(page);
                exchange.close();
            });
            http.start();
        }

        String redirectUri() {
            return "http://127.0.0.1:" + http.getAddress().getPort() + "/callback";
        }

        String origin() {
            return "http://127.0.0.1:" + http.getAddress().getPort();
        }

        /** The next request the callback answered (the browser has already loaded its answer). */
        URI next() {
            try {
                URI uri = received.poll(10, TimeUnit.SECONDS);
                assertThat(uri).as("a request at the callback").isNotNull();
                return uri;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            http.stop(0);
        }
    }
}
