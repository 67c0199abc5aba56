package dev.tokend.server.oauth2;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Redirect URIs: registration-time validation (reference §8.1; RFC 8252 §7 for native apps) and
 * request-time matching, which is exact string equality (OAuth 2.1 §4.1.2.1): no prefix, host or
 * normalisation games.
 */
public final class RedirectUris {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    /** Schemes that can never be a native app's private-use scheme (they would run or read content). */
    private static final Set<String> FORBIDDEN_SCHEMES = Set.of("javascript", "data", "file", "vbscript", "about",
            "blob", "ftp", "ws", "wss", "mailto", "tel");

    private RedirectUris() {}

    /**
     * Why {@code value} may not be registered, or empty when it may: absolute, no fragment, and
     * {@code https}, {@code http} on a loopback host only, or a private-use scheme (RFC 8252 §7.1).
     */
    public static Optional<String> problem(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of("redirect URI must not be empty");
        }
        if (value.chars().anyMatch(c -> c < 0x21 || c == 0x7f || c == '\\')) {
            return Optional.of("redirect URI must not contain spaces, control characters or backslashes");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return Optional.of("redirect URI is not a valid URI");
        }
        if (!uri.isAbsolute()) {
            return Optional.of("redirect URI must be absolute");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("redirect URI must not contain a fragment");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "https" -> uri.getHost() == null ? Optional.of("https redirect URI must have a host") : Optional.empty();
            case "http" -> uri.getHost() != null && LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT))
                    ? Optional.empty()
                    : Optional.of("http redirect URIs are allowed only for loopback hosts (localhost, 127.0.0.1, [::1])");
            default -> FORBIDDEN_SCHEMES.contains(scheme)
                    ? Optional.of("redirect URI scheme \"" + scheme + "\" is not allowed")
                    : Optional.empty(); // a native app's private-use scheme, e.g. com.example.app:/callback
        };
    }

    /**
     * The redirect URI to use: the requested one when it equals a registered one exactly; the only
     * registered one when none was requested (RFC 6749 §3.1.2.3); otherwise empty (never redirect).
     */
    public static Optional<String> select(List<String> registered, String requested) {
        if (requested == null || requested.isEmpty()) {
            return registered.size() == 1 ? Optional.of(registered.getFirst()) : Optional.empty();
        }
        return registered.contains(requested) ? Optional.of(requested) : Optional.empty();
    }

    /** Whether {@code resource} is a valid RFC 8707 resource indicator: absolute, without fragment. */
    public static boolean validResource(String resource) {
        try {
            URI uri = new URI(resource);
            return uri.isAbsolute() && uri.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
