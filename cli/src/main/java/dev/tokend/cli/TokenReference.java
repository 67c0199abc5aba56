package dev.tokend.cli;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a whole token ({@code tkd<k>_<id>_<secret><checksum>}, docs/token-format.md) so that
 * commands can address it by its public id and never send or print the secret part.
 */
final class TokenReference {
    private static final Pattern TOKEN = Pattern.compile("tkd[a-z]_([0-9A-Za-z]{10})_[0-9A-Za-z]{28}");

    private TokenReference() {}

    /** The 10-character id inside {@code text} when it is a whole token. */
    static Optional<String> idOf(String text) {
        Matcher matcher = TOKEN.matcher(text.strip());
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
