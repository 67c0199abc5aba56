package dev.tokend.cli;

import dev.tokend.sdk.ApiException;
import dev.tokend.sdk.TokendClient;
import dev.tokend.sdk.model.ApiKey;
import dev.tokend.sdk.model.ApiKeyWithOwner;
import java.util.Optional;

/**
 * Finds the key a user means by {@code <name|id|token>} (reference §9.1): a name of the target
 * user's tokens first, then a key id. A whole token is addressed by the id inside it and is never
 * sent as a name, so its secret does not end up in a URL, and one with a bad format or checksum is
 * refused before any request, with the server's message. Keys the caller may not read answer 404
 * like missing ones, so both read "not found".
 */
final class TokenResolver {
    private TokenResolver() {}

    /**
     * Refuses a whole token with a bad format or checksum, as the server refuses a presented one:
     * a typo is not "not found". Commands call it before anything else, signed in or not.
     */
    static void checkFormat(String reference) {
        if (TokenText.looksLikeToken(reference)) {
            TokenText.problem(reference).ifPresent(problem -> {
                throw new CliException(problem);
            });
        }
    }

    static ApiKey resolve(TokendClient client, String user, String reference) {
        checkFormat(reference);
        Optional<String> idInToken = TokenText.idOf(reference);
        if (idInToken.isEmpty()) {
            try {
                return client.token(user, reference);
            } catch (ApiException e) {
                if (e.status() != 404) {
                    throw e;
                }
            }
        }
        String id = idInToken.orElse(reference);
        try {
            return client.apiKey(user, id);
        } catch (ApiException e) {
            if (e.status() == 404 || e.status() == 400) {
                // The id, never the reference: the reference may be a whole token.
                throw new CliException("Token \"" + (idInToken.isPresent() ? id : reference)
                        + "\" not found: no token with that name or id that you can see.");
            }
            throw e;
        }
    }

    /** {@code key} with its owner's username, or an empty username when the owner cannot be read. */
    static ApiKeyWithOwner withOwner(TokendClient client, ApiKey key) {
        String username;
        try {
            username = client.user(key.userId().toString()).username();
        } catch (ApiException e) {
            // A key you can read whose owner you cannot: show the key without a name rather than fail.
            username = "";
        }
        return ApiKeyWithOwner.of(key, username);
    }
}
