package dev.tokend.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The tokend token format, {@code tkd<k>_<id>_<secret><checksum>}, documented in {@code
 * docs/token-format.md}.
 *
 * <ul>
 *   <li>{@code <k>}: one lowercase letter naming the {@link TokenKind}.
 *   <li>{@code <id>}: {@value #ID_LENGTH} random base62 characters, the public, addressable key ID.
 *   <li>{@code <secret>}: {@value #SECRET_LENGTH} random base62 characters (about 131 bits).
 *   <li>{@code <checksum>}: CRC-32 of the ASCII text before it, as {@value #CHECKSUM_LENGTH}
 *       base62 digits.
 * </ul>
 *
 * <p>The checksum lets {@link #parse} reject typos, truncations and random garbage without any
 * database work, and lets secret scanners confirm a match offline. It is not a security control:
 * anyone can compute it. The secret alone authenticates, and only its SHA-256 hash is stored.
 *
 * <p>All methods are pure and thread-safe.
 */
public final class TokenFormat {

    /** Length of the public key ID. */
    public static final int ID_LENGTH = 10;

    /** Length of the random secret, without the checksum. 62^22 is about 2^131. */
    public static final int SECRET_LENGTH = 22;

    /** Length of the checksum. 62^6 (about 5.7e10) exceeds 2^32, so any CRC-32 value fits. */
    public static final int CHECKSUM_LENGTH = 6;

    /** Length of every well-formed token: prefix (5), ID, separator, secret and checksum. */
    public static final int TOKEN_LENGTH = 5 + ID_LENGTH + 1 + SECRET_LENGTH + CHECKSUM_LENGTH;

    /**
     * Longest input {@link #parse} examines. Anything longer is rejected from its length alone so
     * an oversized header costs nothing to refuse; the margin over {@link #TOKEN_LENGTH} keeps the
     * more specific messages for near misses.
     */
    public static final int MAX_INPUT_LENGTH = 256;

    /**
     * Regular expression matching any tokend token in free text, for secret scanners (GitHub
     * custom patterns, gitleaks, trufflehog). Scanners should confirm a hit with the checksum.
     */
    public static final String SCANNER_REGEX = "\\btkd[starcodg]_[0-9A-Za-z]{10}_[0-9A-Za-z]{28}\\b";

    /** Prefix of every {@link ParseResult.Malformed#detail()}. */
    public static final String MALFORMED_PREFIX = "Invalid API key format: ";

    private static final char SEPARATOR = '_';

    /** Length of the SHA-256 digests returned by {@link #hashSecret}. */
    private static final int HASH_LENGTH = 32;

    private TokenFormat() {}

    /**
     * Mints a new token of {@code kind}, drawing the ID and the secret from {@code rng}.
     *
     * <p>The ID is random rather than sequential so it reveals neither how many keys exist nor
     * when they were created. Collisions (about 2^59.5 possible IDs) are possible in principle;
     * the ID's unique constraint in storage is the backstop, and the caller retries.
     */
    public static GeneratedToken generate(TokenKind kind, SecureRandom rng) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(rng, "rng");
        String id = Base62.random(rng, ID_LENGTH);
        String secret = Base62.random(rng, SECRET_LENGTH);
        return new GeneratedToken(kind, id, assemble(kind, id, secret), hashSecret(secret));
    }

    /**
     * The wire text for the given fields, with its checksum appended. Useful to rebuild a token
     * from known parts, e.g. in tests or when importing keys.
     *
     * @throws IllegalArgumentException if {@code id} or {@code secret} has the wrong length or
     *     characters outside base62
     */
    public static String assemble(TokenKind kind, String id, String secret) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(secret, "secret");
        if (id.length() != ID_LENGTH || !Base62.isBase62(id)) {
            throw new IllegalArgumentException("id must be " + ID_LENGTH + " base62 characters");
        }
        // The message avoids echoing the secret, which may be real.
        if (secret.length() != SECRET_LENGTH || !Base62.isBase62(secret)) {
            throw new IllegalArgumentException(
                    "secret must be " + SECRET_LENGTH + " base62 characters");
        }
        String body = kind.prefix() + id + SEPARATOR + secret;
        return body + checksum(body);
    }

    /**
     * Checks the shape and checksum of presented text without any I/O. Checks run cheapest first
     * and stop at the first failure: overall length, prefix, number of parts, ID length, secret
     * length, alphabet, checksum.
     *
     * <p>"Parts" are the pieces of the whole text split at every {@code _}. A well-formed token has
     * exactly three: {@code tkd<k>}, the ID, and the secret with its checksum. The prefix's own
     * {@code _} is therefore the first separator, and base62 contains no {@code _}, so the count is
     * exact.
     *
     * <p>Details never quote the input, which may be a real credential with a typo.
     */
    public static ParseResult parse(String token) {
        Objects.requireNonNull(token, "token");
        if (token.length() > MAX_INPUT_LENGTH) {
            return malformed("token is longer than " + MAX_INPUT_LENGTH + " characters");
        }
        Optional<TokenKind> kind = kindOf(token);
        if (kind.isEmpty()) {
            return malformed("unknown token prefix");
        }

        int parts = countSeparators(token) + 1;
        if (parts != 3) {
            return malformed("expected 3 parts separated by \"_\" got " + parts);
        }

        int firstSeparator = kind.get().prefix().length() - 1;
        int secondSeparator = token.indexOf(SEPARATOR, firstSeparator + 1);

        String id = token.substring(firstSeparator + 1, secondSeparator);
        if (id.length() != ID_LENGTH) {
            return malformed(
                    "invalid API key ID length, expected " + ID_LENGTH + " got " + id.length());
        }
        String secretAndChecksum = token.substring(secondSeparator + 1);
        int expectedSecretLength = SECRET_LENGTH + CHECKSUM_LENGTH;
        if (secretAndChecksum.length() != expectedSecretLength) {
            return malformed(
                    "invalid API key secret length, expected "
                            + expectedSecretLength
                            + " got "
                            + secretAndChecksum.length());
        }
        if (!Base62.isBase62(id) || !Base62.isBase62(secretAndChecksum)) {
            return malformed("invalid characters");
        }

        int checksumStart = token.length() - CHECKSUM_LENGTH;
        // The checksum is public information (anyone can compute it), so an ordinary comparison
        // leaks nothing; the secret itself is only ever compared as a hash, in constant time.
        if (!checksum(token.substring(0, checksumStart)).equals(token.substring(checksumStart))) {
            return malformed("checksum mismatch");
        }
        String secret = secretAndChecksum.substring(0, SECRET_LENGTH);
        return new ParseResult.Valid(kind.get(), id, secret);
    }

    /** SHA-256 of the UTF-8 bytes of {@code secret}: the 32 bytes that storage keeps. */
    public static byte[] hashSecret(String secret) {
        Objects.requireNonNull(secret, "secret");
        return sha256().digest(secret.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether {@code presentedSecret} hashes to {@code storedHash}. The comparison takes the same
     * time wherever the hashes first differ ({@link MessageDigest#isEqual}), so response timing
     * does not reveal how much of a guess was right.
     */
    public static boolean secretMatches(String presentedSecret, byte[] storedHash) {
        Objects.requireNonNull(presentedSecret, "presentedSecret");
        Objects.requireNonNull(storedHash, "storedHash");
        if (storedHash.length != HASH_LENGTH) {
            return false;
        }
        return MessageDigest.isEqual(hashSecret(presentedSecret), storedHash);
    }

    /**
     * CRC-32 (IEEE 802.3 polynomial, as {@link CRC32} and zlib compute it) of the ASCII bytes of
     * {@code body}, as {@value #CHECKSUM_LENGTH} zero-padded base62 digits. Only called on text
     * already checked to be ASCII.
     */
    static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        return Base62.encodeFixed(crc.getValue(), CHECKSUM_LENGTH);
    }

    private static Optional<TokenKind> kindOf(String token) {
        // "tkd" + letter + "_": check the fixed shape first so only the letter needs a lookup.
        if (token.length() < TokenKind.FAMILY.length() + 2
                || !token.startsWith(TokenKind.FAMILY)
                || token.charAt(TokenKind.FAMILY.length() + 1) != SEPARATOR) {
            return Optional.empty();
        }
        return TokenKind.fromLetter(token.charAt(TokenKind.FAMILY.length()));
    }

    private static int countSeparators(String token) {
        int count = 0;
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) == SEPARATOR) {
                count++;
            }
        }
        return count;
    }

    private static ParseResult.Malformed malformed(String reason) {
        return new ParseResult.Malformed(MALFORMED_PREFIX + reason);
    }

    private static MessageDigest sha256() {
        try {
            // A new instance per call: MessageDigest is stateful and not thread-safe.
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (MessageDigest Javadoc).
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
