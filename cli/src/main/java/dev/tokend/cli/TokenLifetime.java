package dev.tokend.cli;

import dev.tokend.sdk.GoDuration;
import dev.tokend.sdk.TokendClient;
import java.time.Duration;

/**
 * The lifetime rule of {@code tokens create} and {@code tokens update} (reference §9.1): no
 * {@code --lifetime} means the longest the server allows for the target user (from
 * {@code tokenconfig}), and a longer one is refused before the request, with the reference CLI's
 * message.
 */
final class TokenLifetime {
    private TokenLifetime() {}

    /** {@code requested}, or the maximum when null. */
    static Duration choose(TokendClient client, String user, Duration requested) {
        Duration max = Duration.ofNanos(client.tokenConfig(user).maxTokenLifetime());
        if (requested == null) {
            return max;
        }
        if (requested.compareTo(max) > 0) {
            // NOTE: the reference CLI's wording, durations in Go syntax.
            throw new CliException("lifetime (" + GoDuration.format(requested)
                    + ") is greater than the maximum allowed lifetime (" + GoDuration.format(max) + ")");
        }
        return requested;
    }
}
