package dev.tokend.server.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Default names for tokens created without {@code token_name} (spec §2.2 K2): an adjective and a
 * scientist's or engineer's surname joined by {@code _}, in the reference's style
 * ({@code happy_turing}). Only lower-case ASCII letters and {@code _} (and digits in the
 * collision suffix), so a default name is easy to type in {@code tokens rm}.
 */
public final class TokenNames {

    /** Random picks before falling back to a numeric suffix. */
    static final int PLAIN_ATTEMPTS = 20;

    /** Suffixed attempts before giving up; unreachable unless {@code taken} rejects nearly all. */
    static final int SUFFIXED_ATTEMPTS = 1_000;

    /** Exclusive bound of the first suffix numbers; it grows as suffixed names collide too. */
    private static final int FIRST_SUFFIX_BOUND = 10_000;

    static final List<String> ADJECTIVES =
            List.of(
                    "agile", "amazing", "blissful", "bold", "brave", "bright", "calm", "charming",
                    "cheerful", "clever", "cool", "curious", "daring", "dazzling", "eager",
                    "elegant", "epic", "fearless", "festive", "focused", "friendly", "gallant",
                    "gentle", "gifted", "glad", "happy", "hopeful", "humble", "inspiring", "jolly",
                    "keen", "kind", "lively", "lucid", "merry", "mighty", "modest", "nifty",
                    "noble", "optimistic", "patient", "peaceful", "quiet", "quirky", "relaxed",
                    "serene", "sharp", "stoic", "sunny", "tender", "upbeat", "vibrant", "wise",
                    "witty", "zealous");

    static final List<String> SURNAMES =
            List.of(
                    "babbage", "bardeen", "bell", "bohr", "boole", "brattain", "cerf", "curie",
                    "darwin", "dijkstra", "edison", "einstein", "euler", "faraday", "fermi",
                    "feynman", "franklin", "galileo", "gauss", "goodall", "hamilton", "hawking",
                    "hertz", "hopper", "hypatia", "johnson", "kahn", "kepler", "knuth", "lamarr",
                    "lamport", "liskov", "lovelace", "maxwell", "meitner", "mendel", "mirzakhani",
                    "newton", "noether", "pascal", "pasteur", "planck", "ramanujan", "ritchie",
                    "shannon", "tesla", "thompson", "torvalds", "turing", "wozniak", "wu");

    /**
     * Longest token name, in characters (code points). The reference has none, but a name is a
     * label typed in {@code tokens rm}, and without a bound a long one failed at the unique index
     * (PostgreSQL's b-tree rows are limited to about 2.7 kB) as a 500.
     */
    public static final int MAX_LENGTH = 128;

    private TokenNames() {}

    /**
     * What is wrong with a requested token name, if anything: longer than {@value #MAX_LENGTH}
     * characters, or containing a control character (C0, DEL, C1, U+2028/U+2029), which would break
     * terminal output and logs and which PostgreSQL refuses outright for NUL. An empty or null name
     * has no problem: the server generates one.
     */
    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.empty();
        }
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            return Optional.of("Token name must be at most " + MAX_LENGTH + " characters.");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                return Optional.of("Token name must not contain control characters.");
            }
        }
        return Optional.empty();
    }

    /** One random {@code adjective_surname}. */
    public static String random(RandomGenerator rng) {
        Objects.requireNonNull(rng, "rng");
        return ADJECTIVES.get(rng.nextInt(ADJECTIVES.size()))
                + "_"
                + SURNAMES.get(rng.nextInt(SURNAMES.size()));
    }

    /**
     * A random name for which {@code taken} is false. After {@link #PLAIN_ATTEMPTS} collisions it
     * appends {@code _<n>}; the range of {@code n} widens tenfold every {@link #PLAIN_ATTEMPTS}
     * further collisions, so a user with thousands of default-named tokens still gets one
     * quickly.
     *
     * @throws IllegalStateException if no free name turned up within the attempt budget, which
     *     only happens when {@code taken} accepts (almost) every name
     */
    public static String unique(RandomGenerator rng, Predicate<String> taken) {
        Objects.requireNonNull(rng, "rng");
        Objects.requireNonNull(taken, "taken");
        for (int i = 0; i < PLAIN_ATTEMPTS; i++) {
            String name = random(rng);
            if (!taken.test(name)) {
                return name;
            }
        }
        long bound = FIRST_SUFFIX_BOUND;
        for (int i = 0; i < SUFFIXED_ATTEMPTS; i++) {
            if (i > 0 && i % PLAIN_ATTEMPTS == 0 && bound <= Long.MAX_VALUE / 10) {
                bound *= 10;
            }
            String name = random(rng) + "_" + rng.nextLong(bound);
            if (!taken.test(name)) {
                return name;
            }
        }
        throw new IllegalStateException(
                "no free default token name after "
                        + (PLAIN_ATTEMPTS + SUFFIXED_ATTEMPTS)
                        + " attempts");
    }
}
