package dev.tokend.cli;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The token format, {@code tkd<k>_<id>_<secret><checksum>} (docs/token-format.md), checked here as
 * the server checks it: cheapest first, stopping at the first problem, never echoing the input. So
 * a mistyped or truncated token is refused before any request, with the server's own words.
 */
final class TokenText {
    /** NOTE: the server's prefix for every format problem; the tests match it. */
    static final String INVALID = "Invalid API key format: ";

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int ID_LENGTH = 10;
    private static final int SECRET_AND_CHECKSUM_LENGTH = 22 + 6;
    private static final int CHECKSUM_LENGTH = 6;

    private TokenText() {}

    /** Whether {@code text} claims to be a token: {@code tkd}, a kind letter, {@code _}. */
    static boolean looksLikeToken(String text) {
        return text.length() >= 5 && text.startsWith("tkd") && "star".indexOf(text.charAt(3)) >= 0
                && text.charAt(4) == '_';
    }

    /** What is wrong with {@code token}, as the server would say it, or empty for a well-formed token. */
    static Optional<String> problem(String token) {
        if (token.length() > 256) {
            return invalid("token is longer than 256 characters");
        }
        if (!looksLikeToken(token)) {
            return invalid("unknown token prefix");
        }
        String[] parts = token.split("_", -1);
        if (parts.length != 3) {
            return invalid("expected 3 parts separated by \"_\" got " + parts.length);
        }
        if (parts[1].length() != ID_LENGTH) {
            return invalid("invalid API key ID length, expected " + ID_LENGTH + " got " + parts[1].length());
        }
        if (parts[2].length() != SECRET_AND_CHECKSUM_LENGTH) {
            return invalid("invalid API key secret length, expected " + SECRET_AND_CHECKSUM_LENGTH + " got "
                    + parts[2].length());
        }
        if (!base62(parts[1]) || !base62(parts[2])) {
            return invalid("invalid characters");
        }
        String body = token.substring(0, token.length() - CHECKSUM_LENGTH);
        if (!checksum(body).equals(token.substring(body.length()))) {
            return invalid("checksum mismatch");
        }
        return Optional.empty();
    }

    /** The public id inside a well-formed token. */
    static Optional<String> idOf(String token) {
        return problem(token).isEmpty() ? Optional.of(token.split("_")[1]) : Optional.empty();
    }

    /** CRC-32 (IEEE) of the ASCII body, as six base62 digits, most significant first. */
    static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] digits = new char[CHECKSUM_LENGTH];
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            digits[i] = BASE62.charAt((int) (value % 62));
            value /= 62;
        }
        return new String(digits);
    }

    private static boolean base62(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (BASE62.indexOf(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static Optional<String> invalid(String detail) {
        return Optional.of(INVALID + detail);
    }
}
