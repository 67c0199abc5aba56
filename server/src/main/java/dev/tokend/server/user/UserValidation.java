package dev.tokend.server.user;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/** Syntax rules for usernames and email addresses, following what Coder accepts. */
public final class UserValidation {

    /** Longest username, as in Coder's {@code codersdk.NameValid}. */
    public static final int MAX_USERNAME_LENGTH = 32;

    /**
     * Longest email address, in UTF-8 bytes: 254 is the most that fits in an SMTP forward path
     * (RFC 5321 section 4.5.3.1.3 allows 256 octets including the angle brackets).
     */
    public static final int MAX_EMAIL_LENGTH = 254;

    /**
     * Coder's {@code UsernameValidRegex}: ASCII letters and digits in groups joined by single
     * hyphens, so names are safe in URLs ({@code /api/v2/users/{user}}), shells and hostnames.
     */
    private static final Pattern USERNAME = Pattern.compile("[a-zA-Z0-9]+(?:-[a-zA-Z0-9]+)*");

    /**
     * ASCII characters that RFC 5322 section 3.2.3 allows in an atom besides letters and digits.
     */
    private static final String ATEXT_SYMBOLS = "!#$%&'*+-/=?^_`{|}~";

    private UserValidation() {}

    /**
     * Whether {@code username} is 1 to {@value #MAX_USERNAME_LENGTH} characters of ASCII letters
     * and digits, with single hyphens allowed only between them ({@code "a-b"}, not {@code "-a"},
     * {@code "a-"} or {@code "a--b"}).
     */
    public static boolean validUsername(String username) {
        Objects.requireNonNull(username, "username");
        return !username.isEmpty()
                && username.length() <= MAX_USERNAME_LENGTH
                && USERNAME.matcher(username).matches();
    }

    /**
     * Whether {@code email} is a bare address, {@code local@domain}, that Go's {@code
     * net/mail.ParseAddress} (which Coder uses) would accept as exactly that address.
     *
     * <p>Both parts are RFC 5322 dot-atoms: runs of atom characters (letters, digits, {@value
     * #ATEXT_SYMBOLS}, and non-ASCII characters per RFC 6532) separated by single dots, with no
     * dot first or last. So {@code "o'brien+tag@mail.example"} and {@code "user@localhost"} are
     * valid; like Go, no DNS rules are applied to the domain.
     *
     * <p>Deliberately stricter than Go, because an account email should be one plain address:
     * display names and angle brackets ({@code "Ann <ann@x.io>"}), comments, quoted local parts
     * ({@code "\"a b\"@x.io"}), domain literals ({@code "a@[10.0.0.1]"}) and any whitespace or
     * control character (Go lets some non-ASCII spaces through) are rejected, as is anything
     * longer than {@value #MAX_EMAIL_LENGTH} UTF-8 bytes.
     */
    public static boolean validEmail(String email) {
        Objects.requireNonNull(email, "email");
        if (email.isEmpty()
                || email.length() > MAX_EMAIL_LENGTH
                || email.getBytes(StandardCharsets.UTF_8).length > MAX_EMAIL_LENGTH) {
            return false;
        }
        int at = email.indexOf('@');
        // indexOf finds the first "@"; a second one would land in the domain and fail there.
        return at > 0 && isDotAtom(email, 0, at) && isDotAtom(email, at + 1, email.length());
    }

    /** Whether {@code s[start, end)} is a non-empty dot-atom. */
    private static boolean isDotAtom(String s, int start, int end) {
        if (start >= end || s.charAt(start) == '.' || s.charAt(end - 1) == '.') {
            return false;
        }
        boolean previousWasDot = false;
        int i = start;
        while (i < end) {
            int cp = s.codePointAt(i);
            if (cp == '.') {
                if (previousWasDot) {
                    return false;
                }
                previousWasDot = true;
            } else if (isAtomChar(cp)) {
                previousWasDot = false;
            } else {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    private static boolean isAtomChar(int cp) {
        if (cp < 0x80) {
            return (cp >= 'a' && cp <= 'z')
                    || (cp >= 'A' && cp <= 'Z')
                    || (cp >= '0' && cp <= '9')
                    || ATEXT_SYMBOLS.indexOf(cp) >= 0;
        }
        // RFC 6532 admits any non-ASCII UTF-8 text; keep out invisible separators, controls,
        // formatting marks, unassigned code points and lone surrogates (no UTF-8 form at all).
        return switch (Character.getType(cp)) {
            case Character.SPACE_SEPARATOR,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR,
                    Character.CONTROL,
                    Character.FORMAT,
                    Character.SURROGATE,
                    Character.UNASSIGNED -> false;
            default -> true;
        };
    }
}
