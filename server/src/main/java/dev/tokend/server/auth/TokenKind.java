package dev.tokend.server.auth;

import java.util.Optional;

/**
 * What a tokend credential is for, encoded as one lowercase letter in its wire prefix
 * ({@code tkd<letter>_}). See {@code docs/token-format.md}.
 *
 * <p>The kind is part of the checksummed text, so a token cannot be relabelled as another kind
 * without failing {@link TokenFormat#parse}. The kind on the wire is a hint for routing and secret
 * scanning only; authorization must still use the kind recorded with the key in the database.
 */
public enum TokenKind {
    /** Interactive login sessions and keys minted for the CLI. */
    SESSION('s'),
    /** Named, long-lived API tokens created by a user. */
    API_TOKEN('t'),
    /** OAuth2 access tokens issued to a registered app. */
    OAUTH2_ACCESS('a'),
    /** OAuth2 refresh tokens issued to a registered app. */
    OAUTH2_REFRESH('r'),
    /** OAuth2 client secrets of a registered app. */
    OAUTH2_CLIENT_SECRET('c'),
    /** OAuth2 authorization codes (10 minutes, single use). */
    OAUTH2_CODE('o'),
    /** RFC 8628 device codes. */
    OAUTH2_DEVICE_CODE('d'),
    /** RFC 7592 registration access tokens of dynamically registered clients. */
    OAUTH2_REGISTRATION('g');

    /** Literal start shared by every kind's prefix. */
    static final String FAMILY = "tkd";

    private final char letter;
    private final String prefix;

    TokenKind(char letter) {
        this.letter = letter;
        this.prefix = FAMILY + letter + '_';
    }

    /** The one-letter code, e.g. {@code 't'} for {@link #API_TOKEN}. */
    public char letter() {
        return letter;
    }

    /** The wire prefix including its separator, e.g. {@code "tkdt_"}. */
    public String prefix() {
        return prefix;
    }

    /** The kind whose letter is {@code letter}, if any. */
    public static Optional<TokenKind> fromLetter(char letter) {
        for (TokenKind kind : values()) {
            if (kind.letter == letter) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
