package dev.tokend.tests.idp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tokend.sdk.TokendJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for GitHub (Enterprise layout: OAuth under /login, REST under /api/v3) on a loopback
 * port, for what tokend's GitHub sign-in calls. Tests set the user, orgs, teams, emails and device state.
 */
final class FakeGithub implements AutoCloseable {
    volatile long userId = 4242;
    volatile String login = "octo_cat";
    volatile String name = "Octo Cat";
    volatile List<String> activeOrgs = List.of("acme");
    volatile Set<String> teams = Set.of(); // "org/team"
    volatile List<Map<String, Object>> emails = List.of(Map.of("email", "octo@example.com", "primary", true,
            "verified", true));
    /** Answer of the device-code poll: "ok", or an OAuth error code such as authorization_pending. */
    volatile String deviceState = "ok";
    final List<String> requests = new CopyOnWriteArrayList<>();

    private final HttpServer server;

    FakeGithub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        Map<String, String> q = query(ex.getRequestURI().getRawQuery());
        requests.add(ex.getRequestMethod() + " " + path);
        switch (path) {
            case "/login/oauth/authorize" -> {
                ex.getResponseHeaders().add("Location", q.get("redirect_uri") + "?code=web-code&state="
                        + q.get("state"));
                ex.sendResponseHeaders(302, -1);
                ex.close();
            }
            case "/login/oauth/access_token" -> {
                Map<String, String> form = query(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                form.putAll(q);
                if (form.getOrDefault("grant_type", "").endsWith("device_code") && !deviceState.equals("ok")) {
                    json(ex, 200, Map.of("error", deviceState));
                } else {
                    json(ex, 200, Map.of("access_token", "gho_fake", "token_type", "bearer", "scope", "read:user"));
                }
            }
            case "/login/device/code" -> json(ex, 200, Map.of("device_code", "dev-code", "user_code", "ABCD-1234",
                    "verification_uri", "https://github.example/login/device", "expires_in", 900, "interval", 5));
            case "/api/v3/user/memberships/orgs" -> json(ex, 200, activeOrgs.stream()
                    .map(o -> Map.of("state", "active", "organization", Map.of("login", o))).toList());
            case "/api/v3/user" -> {
                Map<String, Object> u = new HashMap<>();
                u.put("id", userId);
                u.put("login", login);
                u.put("name", name);
                u.put("avatar_url", "https://avatars.example/" + userId);
                json(ex, 200, u);
            }
            case "/api/v3/user/emails" -> json(ex, 200, emails);
            default -> {
                if (path.startsWith("/api/v3/orgs/")) {
                    String[] p = path.split("/"); // "", api, v3, orgs, {org}, teams, {team}, memberships, {login}
                    boolean member = p.length == 9 && teams.contains(p[4] + "/" + p[6]) && p[8].equals(login);
                    json(ex, member ? 200 : 404, member ? Map.of("state", "active") : Map.of("message", "Not Found"));
                } else {
                    json(ex, 404, Map.of("message", "Not Found"));
                }
            }
        }
    }

    private static void json(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = TokendJson.mapper().writeValueAsBytes(body);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String p : raw.split("&")) {
            String[] kv = p.split("=", 2);
            out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
