package dev.tokend.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Turns what a user types as the server's address into a base URL: {@code tokend.example.com}
 * becomes {@code https://tokend.example.com}, {@code localhost:3000} becomes
 * {@code http://localhost:3000} (a local server rarely has TLS), and a trailing slash is dropped
 * so stored URLs compare equal however they were typed.
 */
final class ServerUrl {
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    private ServerUrl() {}

    static URI parse(String text) {
        String value = text.strip();
        if (!value.contains("://")) {
            String host = value.split("[:/]", 2)[0].toLowerCase(Locale.ROOT);
            boolean loopback = LOOPBACK_HOSTS.contains(host) || value.startsWith("[::1]");
            value = (loopback ? "http://" : "https://") + value;
        }
        while (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new CliException("\"" + text + "\" is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new CliException("\"" + text + "\" is not a valid URL: want http(s)://host[:port]");
        }
        return uri;
    }
}
