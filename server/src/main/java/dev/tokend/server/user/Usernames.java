package dev.tokend.server.user;

import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Usernames for users created at their first IdP sign-in (reference §A.7): a valid candidate is
 * kept; otherwise the part before the last {@code @} with every character outside
 * {@code [a-zA-Z0-9-]} removed; otherwise a random {@code adjective-surname}.
 */
public final class Usernames {
    private static final Set<String> RESERVED = Set.of("new", "create");
    private static final List<String> ADJECTIVES = List.of("admiring", "bold", "brave", "calm", "clever", "eager",
            "elated", "epic", "focused", "gallant", "happy", "jolly", "keen", "loving", "modest", "nifty", "quirky",
            "serene", "sharp", "stoic", "tender", "vibrant", "wizardly", "zealous");
    private static final List<String> SURNAMES = List.of("turing", "hopper", "lovelace", "curie", "noether",
            "knuth", "dijkstra", "hamilton", "ritchie", "thompson", "liskov", "lamport", "shannon", "babbage",
            "goldwasser", "tarjan", "hoare", "wirth", "backus", "kay");

    private Usernames() {}

    /** The reference's {@code NameValid}: the username syntax, and not a reserved word. */
    public static boolean valid(String name) {
        return UserValidation.validUsername(name) && !RESERVED.contains(name.toLowerCase(Locale.ROOT));
    }

    /** The reference's {@code UsernameFrom}. */
    public static String from(String candidate, RandomGenerator rng) {
        if (valid(candidate)) {
            return candidate;
        }
        int at = candidate.lastIndexOf('@');
        String local = (at >= 0 ? candidate.substring(0, at) : candidate).replaceAll("[^a-zA-Z0-9-]", "");
        if (valid(local)) {
            return local;
        }
        // Trim what still breaks the syntax (leading, trailing or doubled hyphens, too long).
        String trimmed = local.replaceAll("-{2,}", "-").replaceAll("^-+|-+$", "");
        if (trimmed.length() > UserValidation.MAX_USERNAME_LENGTH) {
            trimmed = trimmed.substring(0, UserValidation.MAX_USERNAME_LENGTH).replaceAll("-+$", "");
        }
        return valid(trimmed) ? trimmed : randomName(rng);
    }

    /** A random {@code adjective-surname}. */
    public static String randomName(RandomGenerator rng) {
        return ADJECTIVES.get(rng.nextInt(ADJECTIVES.size())) + "-" + SURNAMES.get(rng.nextInt(SURNAMES.size()));
    }

    /** An alternative for a taken username: {@code <original>-<random name without its hyphen>}. */
    public static String alternative(String original, RandomGenerator rng) {
        return from(original + "-" + randomName(rng).replace("-", ""), rng);
    }

    /** For callers without a generator of their own. */
    public static RandomGenerator defaultRandom() {
        return new SecureRandom();
    }
}
