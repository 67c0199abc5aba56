package dev.tokend.server.oauth2;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * RFC 8628 §6.1 user codes: 8 characters from 20 consonants (no vowels, so no words; no easily
 * confused characters), shown as {@code BCDF-GHJK}, about 34.5 bits. Typed input is normalised:
 * case-insensitive, dashes and spaces ignored.
 */
public final class UserCodes {
    private static final String ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";
    private static final int LENGTH = 8;

    private UserCodes() {}

    /** A new code in stored form (no dash). */
    public static String userCode(SecureRandom rng) {
        StringBuilder out = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            out.append(ALPHABET.charAt(rng.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    /** The stored form shown to the user: {@code XXXX-XXXX}. */
    public static String display(String stored) {
        return stored.substring(0, 4) + "-" + stored.substring(4);
    }

    /** What the user typed, in stored form. */
    public static String normalize(String typed) {
        if (typed == null) {
            return "";
        }
        return typed.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
    }
}
