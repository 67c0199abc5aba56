package dev.tokend.server.auth;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * The base62 alphabet {@code 0-9A-Za-z} used by tokend tokens: random strings and fixed-width
 * numbers. Base62 is chosen because it survives copy and paste, URLs, shells and double-click
 * selection without quoting, and contains no {@code _}, the token's field separator.
 */
public final class Base62 {

    /** The 62 digits in ascending value order; {@code '0'} is zero. */
    public static final String ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private static final int RADIX = 62;

    private Base62() {}

    /** Whether {@code c} is one of the 62 digits. */
    public static boolean isDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    /** Whether every character of {@code s} is a base62 digit; true for the empty string. */
    public static boolean isBase62(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A string of {@code length} characters, each independently and uniformly drawn from
     * {@link #ALPHABET} using {@code rng}.
     *
     * <p>Uniformity matters because the secret's strength is counted as {@code length * log2(62)}
     * bits. Taking a random byte modulo 62 would favour the first eight digits (256 = 4 * 62 + 8).
     * Instead each byte is masked to six bits (0..63) and the two values 62 and 63 are rejected and
     * redrawn, so every accepted value is equally likely; on average 64/62 bytes are used per
     * character.
     */
    public static String random(SecureRandom rng, int length) {
        Objects.requireNonNull(rng, "rng");
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative: " + length);
        }
        char[] out = new char[length];
        // Slightly more bytes than characters, so a refill is rarely needed.
        byte[] pool = new byte[length + length / 8 + 4];
        int next = pool.length;
        int filled = 0;
        while (filled < length) {
            if (next == pool.length) {
                rng.nextBytes(pool);
                next = 0;
            }
            int value = pool[next++] & 0x3F;
            if (value < RADIX) {
                out[filled++] = ALPHABET.charAt(value);
            }
        }
        return new String(out);
    }

    /**
     * {@code value} in base62, most significant digit first, left-padded with {@code '0'} to
     * exactly {@code width} characters.
     *
     * @throws IllegalArgumentException if {@code value} is negative or needs more than {@code
     *     width} digits
     */
    public static String encodeFixed(long value, int width) {
        if (value < 0) {
            throw new IllegalArgumentException("value must not be negative: " + value);
        }
        char[] out = new char[width];
        long rest = value;
        for (int i = width - 1; i >= 0; i--) {
            out[i] = ALPHABET.charAt((int) (rest % RADIX));
            rest /= RADIX;
        }
        if (rest != 0) {
            throw new IllegalArgumentException(
                    value + " does not fit in " + width + " base62 digits");
        }
        return new String(out);
    }
}
