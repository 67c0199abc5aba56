package dev.tokend.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.tokend.server.oauth2.Pkce;
import dev.tokend.testkit.OAuth2Apps;
import dev.tokend.testkit.OAuth2Apps.App;
import dev.tokend.testkit.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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

    /** An app of {@code owner}'s making, through the admin API. */
    static App createApp(TestServer server, TestServer.Account owner, String name, String redirectUri,
            String clientType, List<String> grantTypes) {
        return OAuth2Apps.create(server, owner, OAuth2Apps.fields(name, redirectUri, clientType, grantTypes, null));
    }

    /** The authorization request's query (PKCE S256 with {@link #VERIFIER}). */
    static String authorizeQuery(App app, String redirectUri, String state, String scope) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("response_type", "code");
        q.put("client_id", app.clientId());
        q.put("redirect_uri", redirectUri);
        q.put("state", state);
        q.put("code_challenge", CHALLENGE);
        q.put("code_challenge_method", "S256");
        q.put("scope", scope);
        return OAuth2Apps.encode(q);
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
