package dev.tokend.server.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The one rule for redirect targets taken from a request ({@code /login?redirect=}, the sign-in
 * form's {@code redirect} field, and every redirect added later): only a path on this origin.
 *
 * <p>Browsers are lenient where {@link URI} is not: they drop tabs and newlines anywhere in a URL
 * and read {@code \} as {@code /} (WHATWG URL Standard, "basic URL parser"), so
 * {@code /<TAB>/evil.example} and {@code /\evil.example} both become {@code //evil.example}, a
 * host of the attacker's choosing. Hence, in this order:
 * <ol>
 *   <li>refuse control characters (C0, DEL, C1, U+2028/U+2029) and backslashes;
 *   <li>refuse anything but a path starting with exactly one {@code /};
 *   <li>parse it as an RFC 3986 URI reference and refuse it unless it has no scheme and no
 *       authority.
 * </ol>
 * The first two checks are applied again to the value once percent-decoded, because a target may
 * pass through one more decoding on its way (a redirect nested in another URL's query): so
 * {@code /%2F/evil}, {@code /%5Cevil} and {@code /%09/evil} are refused too, and so is malformed
 * percent-encoding. Anything refused becomes {@code /}.
 */
public final class SameOriginRedirect {
    /** Where a refused target goes. */
    public static final String FALLBACK = "/";

    /** Longest target kept; a longer one is refused rather than cut (a cut path is another path). */
    public static final int MAX_LENGTH = 2048;

    private SameOriginRedirect() {}

    /** {@code target} when it is a same-origin path by the rules above, otherwise {@value #FALLBACK}. */
    public static String sanitize(String target) {
        if (target == null || target.length() > MAX_LENGTH || !isSafePath(target) || !parsesAsPath(target)) {
            return FALLBACK;
        }
        String decoded;
        try {
            decoded = URLDecoder.decode(target.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return FALLBACK; // malformed percent-encoding
        }
        return isSafePath(decoded) ? target : FALLBACK;
    }

    private static boolean isSafePath(String value) {
        if (!value.startsWith("/") || value.startsWith("//")) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || isControl(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean parsesAsPath(String value) {
        try {
            URI uri = new URI(value);
            return uri.getScheme() == null && uri.getRawAuthority() == null && uri.getRawPath() != null
                    && uri.getRawPath().startsWith("/");
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** C0 controls, DEL, C1 controls, and the Unicode line and paragraph separators. */
    static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }
}
