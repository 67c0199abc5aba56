package dev.tokend.tests.idp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A browser for the sign-in flows: follows redirects by hand, one step at a time, and keeps cookies
 * per host:port (no domain or path rules beyond that; enough for 127.0.0.1 vs localhost).
 */
final class Browser {
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, Map<String, String>> jar = new LinkedHashMap<>();

    record Step(URI uri, int status, String location, List<String> setCookies, String body) {
        boolean redirect() {
            return status == 302 || status == 303 || status == 307;
        }

        /** The Set-Cookie header of {@code name}, or null. */
        String setCookie(String name) {
            return setCookies.stream().filter(c -> c.startsWith(name + "=")).findFirst().orElse(null);
        }
    }

    Step get(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET();
        String cookies = cookieHeader(uri);
        if (!cookies.isEmpty()) {
            b.header("Cookie", cookies);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            List<String> set = r.headers().allValues("set-cookie");
            for (String c : set) {
                store(uri, c);
            }
            return new Step(uri, r.statusCode(), r.headers().firstValue("location").orElse(null), set, r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Follows redirects from {@code uri} until a response that is not a redirect (at most {@code maxSteps}). */
    List<Step> follow(URI uri, int maxSteps) {
        List<Step> steps = new ArrayList<>();
        URI next = uri;
        for (int i = 0; i < maxSteps; i++) {
            Step s = get(next);
            steps.add(s);
            if (!s.redirect() || s.location() == null) {
                break;
            }
            next = next.resolve(s.location());
        }
        return steps;
    }

    String cookie(URI uri, String name) {
        return jar.getOrDefault(origin(uri), Map.of()).get(name);
    }

    void setCookie(URI uri, String name, String value) {
        jar.computeIfAbsent(origin(uri), k -> new LinkedHashMap<>()).put(name, value);
    }

    void removeCookie(URI uri, String name) {
        jar.getOrDefault(origin(uri), new LinkedHashMap<>()).remove(name);
    }

    private void store(URI uri, String header) {
        String first = header.split(";", 2)[0];
        int eq = first.indexOf('=');
        String name = first.substring(0, eq).strip();
        String value = first.substring(eq + 1).strip();
        boolean delete = value.isEmpty() || header.toLowerCase().contains("max-age=0")
                || header.toLowerCase().contains("expires=thu, 01 jan 1970");
        Map<String, String> cookies = jar.computeIfAbsent(origin(uri), k -> new LinkedHashMap<>());
        if (delete) {
            cookies.remove(name);
        } else {
            cookies.put(name, value);
        }
    }

    private String cookieHeader(URI uri) {
        StringBuilder sb = new StringBuilder();
        jar.getOrDefault(origin(uri), Map.of()).forEach((k, v) -> {
            if (!sb.isEmpty()) {
                sb.append("; ");
            }
            sb.append(k).append('=').append(v);
        });
        return sb.toString();
    }

    private static String origin(URI uri) {
        return uri.getHost() + ":" + uri.getPort();
    }
}
