package dev.tokend.server.db;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A PostgreSQL connection string as operators write it: the libpq URL form
 * ({@code postgres://user:password@host:5432/db?sslmode=disable}, as the reference accepts) or a
 * JDBC URL ({@code jdbc:postgresql://...}). {@link #toString()} never prints the password, and
 * {@link #redact(String)} hides it in a URL that is about to be shown.
 */
public record PostgresUrl(String jdbcUrl, String user, String password) {
    /** Shown instead of a password. */
    public static final String REDACTED = "REDACTED";

    /** {@code user:password@} in a URL's authority; the password ends at the last {@code @}. */
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.:-]*://[^:@/?#]*:)[^/?#]*@");
    /** {@code password=...} as a query parameter (pgjdbc reads it from the URL, as libpq does). */
    private static final Pattern QUERY_PASSWORD = Pattern.compile("([?&;]password=)[^&;#]*", Pattern.CASE_INSENSITIVE);

    public static PostgresUrl parse(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            return new PostgresUrl(url, "", "");
        }
        if (!url.startsWith("postgres://") && !url.startsWith("postgresql://")) {
            throw new IllegalArgumentException("must start with postgres://, postgresql:// or jdbc:postgresql://");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            // The reason only: getMessage() would quote the input, password included.
            throw new IllegalArgumentException("is not a valid URL: " + e.getReason());
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("has no host");
        }
        String user = "";
        String password = "";
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = percentDecode(parts[0]);
            password = parts.length > 1 ? percentDecode(parts[1]) : "";
        }
        String jdbc = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/postgres" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new PostgresUrl(jdbc, user, password);
    }

    /**
     * {@code url} with any password replaced by {@value #REDACTED}: the one in the user info
     * ({@code postgres://u:secret@h}) and any {@code password=} query parameter
     * ({@code jdbc:postgresql://h/db?password=secret}). For log lines and {@code toString()}.
     */
    public static String redact(String url) {
        if (url == null || url.isEmpty()) {
            return url;
        }
        String hidden = USER_INFO_PASSWORD.matcher(url).replaceFirst("$1" + REDACTED + "@");
        return QUERY_PASSWORD.matcher(hidden).replaceAll("$1" + REDACTED);
    }

    /**
     * Percent-decoding as RFC 3986 §2.1 defines it, and as libpq reads a connection URI: unlike
     * {@link URLDecoder} (HTML form encoding), {@code +} stays a plus sign, so a password such as
     * {@code a+b} is not turned into {@code a b}.
     */
    private static String percentDecode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "PostgresUrl[" + redact(jdbcUrl) + ", user=" + user + "]";
    }
}
