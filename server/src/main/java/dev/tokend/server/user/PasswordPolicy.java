package dev.tokend.server.user;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Coder's password rules ({@code coderd/userpassword.Validate}): an entropy estimate of at least
 * {@value #MIN_ENTROPY_BITS} bits, then at most {@value #MAX_LENGTH} characters. Messages match
 * Coder's word for word, so clients written against Coder show the same text.
 *
 * <p>The entropy estimate is the one from wagslane's go-password-validator (v0.3.0), which Coder
 * uses: {@code log2(base^length)}, where
 *
 * <ul>
 *   <li><b>base</b> adds the size of each character class present: replacement characters {@code
 *       !@$&*} (5), separators {@code _-., } (5), other specials {@code "#%'()+/:;<=>?[\]^{|}~}
 *       (22), lower case (26), upper case (26), digits (10); plus 1 for each distinct character in
 *       none of them (accents, other scripts, emoji, {@code `}...);
 *   <li><b>length</b> counts each distinct character at most twice, so {@code aaaa} counts as 2.
 * </ul>
 *
 * <p>Characters are Unicode code points, as Go's {@code range} over a string yields them.
 *
 * <p>Stateless and thread-safe.
 */
public final class PasswordPolicy {

    /** Coder's minimum (its source cites the validator's "what entropy value" advice). */
    public static final double MIN_ENTROPY_BITS = 52;

    /**
     * Coder's maximum. Coder measures it with Go's {@code len}, i.e. in UTF-8 bytes, and so does
     * this class; for ASCII passwords bytes and characters are the same.
     */
    public static final int MAX_LENGTH = 64;

    private static final String REPLACE_CHARS = "!@$&*";
    private static final String SEP_CHARS = "_-., ";
    private static final String OTHER_SPECIAL_CHARS = "\"#%'()+/:;<=>?[\\]^{|}~";
    private static final String LOWER_CHARS = "abcdefghijklmnopqrstuvwxyz";
    private static final String UPPER_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String DIGIT_CHARS = "0123456789";

    /** Repeats of one character beyond this count add no length (the validator's rule). */
    private static final int MAX_SAME_CHAR = 2;

    /** Creates the policy; it has no settings, since Coder's are fixed. */
    public PasswordPolicy() {}

    /**
     * The reason {@code password} is not acceptable, or empty when it is. Entropy is checked
     * first, as Coder does, so a long weak password gets the entropy message.
     */
    public Optional<String> validate(String password) {
        Objects.requireNonNull(password, "password");
        Classes classes = Classes.of(password);
        if (entropyBits(password, classes) < MIN_ENTROPY_BITS) {
            return Optional.of(insecureMessage(classes));
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_LENGTH) {
            return Optional.of("password must be no more than " + MAX_LENGTH + " characters");
        }
        return Optional.empty();
    }

    /** The validator's entropy estimate of {@code password}, in bits. */
    public static double entropyBits(String password) {
        Objects.requireNonNull(password, "password");
        return entropyBits(password, Classes.of(password));
    }

    private static double entropyBits(String password, Classes classes) {
        int base = classes.base();
        int length = effectiveLength(password);
        if (base == 0) {
            return 0;
        }
        // Summed term by term, as the validator does, so the floating-point result agrees with
        // Go's where it matters: at exactly 52 bits, which needs a power-of-two base (e.g. 16 with
        // 13 characters), where log2 is exact in both.
        double perChar = log2(base);
        double total = 0;
        for (int i = 0; i < length; i++) {
            total += perChar;
        }
        return total;
    }

    /** Base-2 logarithm, exact for powers of two (as Go's math.Log2 is). */
    private static double log2(int x) {
        if (Integer.bitCount(x) == 1) {
            return Integer.numberOfTrailingZeros(x);
        }
        return Math.log(x) / Math.log(2);
    }

    /** Number of code points, counting each distinct one at most {@link #MAX_SAME_CHAR} times. */
    private static int effectiveLength(String password) {
        Map<Integer, Integer> seen = new HashMap<>();
        int length = 0;
        for (int cp : password.codePoints().toArray()) {
            int count = seen.merge(cp, 1, Integer::sum);
            if (count <= MAX_SAME_CHAR) {
                length++;
            }
        }
        return length;
    }

    /**
     * The validator's advice. Note "more special characters" appears unless all three special
     * classes are present, not merely one of them.
     */
    private static String insecureMessage(Classes classes) {
        List<String> advice = new ArrayList<>();
        if (!classes.replace() || !classes.separator() || !classes.otherSpecial()) {
            advice.add("including more special characters");
        }
        if (!classes.lower()) {
            advice.add("using lowercase letters");
        }
        if (!classes.upper()) {
            advice.add("using uppercase letters");
        }
        if (!classes.digit()) {
            advice.add("using numbers");
        }
        if (advice.isEmpty()) {
            return "insecure password, try using a longer password";
        }
        return "insecure password, try "
                + String.join(", ", advice)
                + " or using a longer password";
    }

    /** Which character classes occur in a password, and how many characters are in none. */
    private record Classes(
            boolean replace,
            boolean separator,
            boolean otherSpecial,
            boolean lower,
            boolean upper,
            boolean digit,
            int unclassifiedDistinct) {

        static Classes of(String password) {
            boolean replace = false;
            boolean separator = false;
            boolean otherSpecial = false;
            boolean lower = false;
            boolean upper = false;
            boolean digit = false;
            Set<Integer> unclassified = new HashSet<>();
            for (int cp : password.codePoints().toArray()) {
                if (contains(REPLACE_CHARS, cp)) {
                    replace = true;
                } else if (contains(SEP_CHARS, cp)) {
                    separator = true;
                } else if (contains(OTHER_SPECIAL_CHARS, cp)) {
                    otherSpecial = true;
                } else if (contains(LOWER_CHARS, cp)) {
                    lower = true;
                } else if (contains(UPPER_CHARS, cp)) {
                    upper = true;
                } else if (contains(DIGIT_CHARS, cp)) {
                    digit = true;
                } else {
                    unclassified.add(cp);
                }
            }
            return new Classes(
                    replace, separator, otherSpecial, lower, upper, digit, unclassified.size());
        }

        int base() {
            return (replace ? REPLACE_CHARS.length() : 0)
                    + (separator ? SEP_CHARS.length() : 0)
                    + (otherSpecial ? OTHER_SPECIAL_CHARS.length() : 0)
                    + (lower ? LOWER_CHARS.length() : 0)
                    + (upper ? UPPER_CHARS.length() : 0)
                    + (digit ? DIGIT_CHARS.length() : 0)
                    + unclassifiedDistinct;
        }

        private static boolean contains(String chars, int codePoint) {
            return chars.indexOf(codePoint) >= 0;
        }
    }
}
