package dev.tokend.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class TokenFormatTest {

    /**
     * Reference token from docs/token-format.md. Its checksum was computed independently of this
     * code (Python's zlib.crc32 and a hand-written base62 encoder), pinning the wire format.
     */
    private static final String DOC_TOKEN = "tkdt_8fJ2kQ9xLm_Zt4Wq1Nf7Rb3Yc6Vh0Ks2P1PCkRQ";

    private static final String DOC_ID = "8fJ2kQ9xLm";
    private static final String DOC_SECRET = "Zt4Wq1Nf7Rb3Yc6Vh0Ks2P";

    private static final Pattern SCANNER = Pattern.compile(TokenFormat.SCANNER_REGEX);

    /** Characters used to mutate tokens: the whole alphabet plus separators and non-ASCII. */
    private static final String MUTATIONS = Base62.ALPHABET + "_-.+/= é\u0000\u0130";

    @ParameterizedTest(name = "{0} assembles to {1}")
    @CsvSource({
        "SESSION,        tkds_0123456789_abcdefghijklmnopqrstuv1VTvZX",
        "API_TOKEN,      tkdt_0123456789_abcdefghijklmnopqrstuv1U5lEa",
        "OAUTH2_ACCESS,  tkda_0123456789_abcdefghijklmnopqrstuv1e3N5Z",
        "OAUTH2_REFRESH, tkdr_0123456789_abcdefghijklmnopqrstuv2tA1Ff",
    })
    void assembleWhenKnownFieldsThenMatchesIndependentlyComputedReference(
            TokenKind kind, String expected) {
        assertThat(TokenFormat.assemble(kind, "0123456789", "abcdefghijklmnopqrstuv"))
                .isEqualTo(expected);
    }

    @Test
    void parseWhenDocumentedExampleThenReturnsItsFields() {
        ParseResult result = TokenFormat.parse(DOC_TOKEN);

        assertThat(result)
                .isEqualTo(new ParseResult.Valid(TokenKind.API_TOKEN, DOC_ID, DOC_SECRET));
    }

    @ParameterizedTest
    @EnumSource(TokenKind.class)
    void generateWhenAnyKindThenTokenParsesBackToSameKindIdAndHashedSecret(TokenKind kind) {
        SecureRandom rng = new SecureRandom();
        for (int i = 0; i < 200; i++) {
            GeneratedToken generated = TokenFormat.generate(kind, rng);

            assertThat(generated.kind()).isEqualTo(kind);
            assertThat(generated.token())
                    .hasSize(TokenFormat.TOKEN_LENGTH)
                    .startsWith(kind.prefix() + generated.id() + "_");
            assertThat(generated.id()).hasSize(TokenFormat.ID_LENGTH);
            ParseResult.Valid valid = (ParseResult.Valid) TokenFormat.parse(generated.token());
            assertThat(valid.kind()).isEqualTo(kind);
            assertThat(valid.id()).isEqualTo(generated.id());
            assertThat(valid.secret()).hasSize(TokenFormat.SECRET_LENGTH);
            assertThat(generated.hashedSecret())
                    .hasSize(32)
                    .isEqualTo(sha256(valid.secret()));
            assertThat(TokenFormat.secretMatches(valid.secret(), generated.hashedSecret()))
                    .isTrue();
        }
    }

    @Test
    void generateWhenCalledRepeatedlyThenIdsAndSecretsDiffer() {
        SecureRandom rng = new SecureRandom();
        GeneratedToken first = TokenFormat.generate(TokenKind.SESSION, rng);
        GeneratedToken second = TokenFormat.generate(TokenKind.SESSION, rng);

        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(first.hashedSecret()).isNotEqualTo(second.hashedSecret());
    }

    @ParameterizedTest
    @EnumSource(TokenKind.class)
    void scannerRegexWhenGeneratedTokenInTextThenFindsExactlyTheToken(TokenKind kind) {
        SecureRandom rng = new SecureRandom();
        for (int i = 0; i < 200; i++) {
            String token = TokenFormat.generate(kind, rng).token();
            Matcher matcher = SCANNER.matcher("export TOKEN=" + token + "\n# done");

            assertThat(matcher.find()).as(token).isTrue();
            assertThat(matcher.group()).isEqualTo(token);
            assertThat(matcher.find()).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonMatchesForScanner")
    void scannerRegexWhenTextOnlyResemblesATokenThenDoesNotMatch(String description, String text) {
        assertThat(SCANNER.matcher(text).find()).isFalse();
    }

    static Stream<Arguments> nonMatchesForScanner() {
        return Stream.of(
                Arguments.of("unknown kind letter", DOC_TOKEN.replace("tkdt_", "tkdx_")),
                Arguments.of("upper-case prefix", DOC_TOKEN.replace("tkdt_", "TKDT_")),
                Arguments.of("one character too long", DOC_TOKEN + "a"),
                Arguments.of("one character too short", DOC_TOKEN.substring(0, 43)),
                Arguments.of("glued to a preceding word", "x" + DOC_TOKEN),
                Arguments.of("separator replaced", DOC_TOKEN.replace("m_Z", "m-Z")));
    }

    @Test
    void parseWhenValidTokenThenToStringRedactsSecret() {
        ParseResult result = TokenFormat.parse(DOC_TOKEN);

        assertThat(result.toString())
                .contains(DOC_ID)
                .contains("API_TOKEN")
                .doesNotContain(DOC_SECRET)
                .doesNotContain(DOC_SECRET.substring(0, 8))
                .doesNotContain("1PCkRQ");
    }

    @Test
    void generateWhenPrintedThenToStringShowsNeitherTokenNorHash() {
        GeneratedToken generated = TokenFormat.generate(TokenKind.API_TOKEN, new SecureRandom());
        String secretPart = generated.token().substring(16);
        byte[] hash = generated.hashedSecret();

        assertThat(generated.toString())
                .contains(generated.id())
                .doesNotContain(generated.token())
                .doesNotContain(secretPart.substring(0, 8))
                .doesNotContain(HexFormat.of().formatHex(hash).substring(0, 8))
                .doesNotContain(java.util.Base64.getEncoder().encodeToString(hash).substring(0, 8));
    }

    @Test
    void hashedSecretWhenModifiedByCallerThenRecordIsUnchanged() {
        GeneratedToken generated = TokenFormat.generate(TokenKind.API_TOKEN, new SecureRandom());
        byte[] copy = generated.hashedSecret();
        copy[0] ^= 1;

        assertThat(generated.hashedSecret()).isNotEqualTo(copy);
        assertThat(generated)
                .isEqualTo(
                        new GeneratedToken(
                                generated.kind(),
                                generated.id(),
                                generated.token(),
                                generated.hashedSecret()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedTokens")
    void parseWhenMalformedThenReturnsPreciseDetailWithoutEchoingInput(
            String description, String token, String expectedDetail) {
        ParseResult result = TokenFormat.parse(token);

        assertThat(result).isEqualTo(new ParseResult.Malformed(expectedDetail));
        String detail = ((ParseResult.Malformed) result).detail();
        assertThat(detail)
                .startsWith("Invalid API key format: ")
                .doesNotContain(DOC_ID)
                .doesNotContain(DOC_SECRET.substring(0, 6))
                .doesNotContain(DOC_SECRET.substring(DOC_SECRET.length() - 6));
    }

    static Stream<Arguments> malformedTokens() {
        String prefix = "Invalid API key format: ";
        String secretAndChecksum = DOC_TOKEN.substring(16);
        return Stream.of(
                Arguments.of(
                        "longer than 256 characters",
                        DOC_TOKEN + "x".repeat(213),
                        prefix + "token is longer than 256 characters"),
                Arguments.of("empty", "", prefix + "unknown token prefix"),
                Arguments.of("family only", "tkd", prefix + "unknown token prefix"),
                Arguments.of("kind without separator", "tkdt", prefix + "unknown token prefix"),
                Arguments.of(
                        "unknown kind letter",
                        DOC_TOKEN.replace("tkdt_", "tkdx_"),
                        prefix + "unknown token prefix"),
                Arguments.of(
                        "upper-case prefix",
                        DOC_TOKEN.replace("tkdt_", "TKDT_"),
                        prefix + "unknown token prefix"),
                Arguments.of(
                        "Authorization scheme left on",
                        "Bearer " + DOC_TOKEN,
                        prefix + "unknown token prefix"),
                Arguments.of("leading space", " " + DOC_TOKEN, prefix + "unknown token prefix"),
                Arguments.of("Coder-style key", "abcdefghij-0123456789abcdefghijkl",
                        prefix + "unknown token prefix"),
                Arguments.of(
                        "prefix only",
                        "tkdt_",
                        prefix + "expected 3 parts separated by \"_\" got 2"),
                Arguments.of(
                        "missing secret separator",
                        "tkdt_" + DOC_ID + secretAndChecksum,
                        prefix + "expected 3 parts separated by \"_\" got 2"),
                Arguments.of(
                        "extra separator in secret",
                        "tkdt_" + DOC_ID + "_" + secretAndChecksum.substring(0, 4) + "_"
                                + secretAndChecksum.substring(4),
                        prefix + "expected 3 parts separated by \"_\" got 4"),
                Arguments.of(
                        "empty id and secret",
                        "tkdt__",
                        prefix + "invalid API key ID length, expected 10 got 0"),
                Arguments.of(
                        "id one short",
                        "tkdt_" + DOC_ID.substring(1) + "_" + secretAndChecksum,
                        prefix + "invalid API key ID length, expected 10 got 9"),
                Arguments.of(
                        "id one long",
                        "tkdt_" + DOC_ID + "A_" + secretAndChecksum,
                        prefix + "invalid API key ID length, expected 10 got 11"),
                Arguments.of(
                        "secret missing",
                        "tkdt_" + DOC_ID + "_",
                        prefix + "invalid API key secret length, expected 28 got 0"),
                Arguments.of(
                        "secret one short",
                        DOC_TOKEN.substring(0, DOC_TOKEN.length() - 1),
                        prefix + "invalid API key secret length, expected 28 got 27"),
                Arguments.of(
                        "trailing newline",
                        DOC_TOKEN + "\n",
                        prefix + "invalid API key secret length, expected 28 got 29"),
                Arguments.of(
                        "dash in id",
                        "tkdt_" + DOC_ID.substring(0, 9) + "-_" + secretAndChecksum,
                        prefix + "invalid characters"),
                Arguments.of(
                        "non-ASCII letter in secret",
                        DOC_TOKEN.substring(0, 20) + "é" + DOC_TOKEN.substring(21),
                        prefix + "invalid characters"),
                Arguments.of(
                        "last checksum character changed",
                        DOC_TOKEN.substring(0, 43) + "R",
                        prefix + "checksum mismatch"),
                Arguments.of(
                        "relabelled as session key",
                        DOC_TOKEN.replace("tkdt_", "tkds_"),
                        prefix + "checksum mismatch"),
                Arguments.of(
                        "id case changed",
                        DOC_TOKEN.replace(DOC_ID, DOC_ID.toLowerCase()),
                        prefix + "checksum mismatch"));
    }

    @Test
    void parseWhenExactly256CharactersThenIsNotRejectedForLength() {
        ParseResult result = TokenFormat.parse(DOC_TOKEN + "x".repeat(212));

        assertThat(result)
                .isEqualTo(
                        new ParseResult.Malformed(
                                "Invalid API key format: invalid API key secret length, expected"
                                        + " 28 got 240"));
    }

    /**
     * CRC-32 detects every error burst of up to 32 bits, and one substituted character is an
     * 8-bit burst, so every single substitution must be caught; when the result still has the
     * token's shape, it must be the checksum that catches it.
     */
    @ParameterizedTest
    @EnumSource(TokenKind.class)
    void parseWhenAnySingleCharacterSubstitutedThenRejected(TokenKind kind) {
        SplittableRandom random = new SplittableRandom(kind.ordinal());
        for (int n = 0; n < 20; n++) {
            String token = randomToken(kind, random);
            for (int i = 0; i < token.length(); i++) {
                for (char c : MUTATIONS.toCharArray()) {
                    if (c == token.charAt(i)) {
                        continue;
                    }
                    String mutated = token.substring(0, i) + c + token.substring(i + 1);

                    ParseResult result = TokenFormat.parse(mutated);

                    assertThat(result).as("%s at %d", mutated, i)
                            .isInstanceOf(ParseResult.Malformed.class);
                    if (keepsShape(token, i, c)) {
                        assertThat(((ParseResult.Malformed) result).detail())
                                .as("%s at %d", mutated, i)
                                .isEqualTo("Invalid API key format: checksum mismatch");
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TokenKind.class)
    void parseWhenAdjacentCharactersSwappedThenRejected(TokenKind kind) {
        SplittableRandom random = new SplittableRandom(100 + kind.ordinal());
        for (int n = 0; n < 200; n++) {
            String token = randomToken(kind, random);
            for (int i = 0; i + 1 < token.length(); i++) {
                if (token.charAt(i) == token.charAt(i + 1)) {
                    continue;
                }
                String swapped =
                        token.substring(0, i)
                                + token.charAt(i + 1)
                                + token.charAt(i)
                                + token.substring(i + 2);

                assertThat(TokenFormat.parse(swapped)).as(swapped)
                        .isInstanceOf(ParseResult.Malformed.class);
            }
        }
    }

    /**
     * Several random substitutions are not guaranteed to be caught (a CRC-32 has 2^32 values),
     * but a miss is a 1 in 4 billion event; the seeds are fixed so the run is deterministic.
     */
    @Test
    void parseWhenSeveralRandomSubstitutionsThenRejected() {
        SplittableRandom random = new SplittableRandom(42);
        for (int n = 0; n < 50_000; n++) {
            TokenKind kind = TokenKind.values()[random.nextInt(TokenKind.values().length)];
            String token = randomToken(kind, random);
            char[] chars = token.toCharArray();
            int substitutions = 2 + random.nextInt(4);
            for (int k = 0; k < substitutions; k++) {
                int at = 5 + random.nextInt(chars.length - 5);
                if (chars[at] != '_') {
                    chars[at] = Base62.ALPHABET.charAt(random.nextInt(62));
                }
            }
            String mutated = new String(chars);
            if (mutated.equals(token)) {
                continue;
            }

            assertThat(TokenFormat.parse(mutated)).as(mutated)
                    .isInstanceOf(ParseResult.Malformed.class);
        }
    }

    @Test
    void secretMatchesWhenSameSecretThenTrue() {
        byte[] stored = TokenFormat.hashSecret(DOC_SECRET);

        assertThat(TokenFormat.secretMatches(DOC_SECRET, stored)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "different secret, Zt4Wq1Nf7Rb3Yc6Vh0Ks2Q",
        "case changed,     zt4Wq1Nf7Rb3Yc6Vh0Ks2P",
        "prefix of secret, Zt4Wq1Nf7Rb3Yc6Vh0Ks2",
        "empty,            ''",
    })
    void secretMatchesWhenDifferentSecretThenFalse(String description, String presented) {
        byte[] stored = TokenFormat.hashSecret(DOC_SECRET);

        assertThat(TokenFormat.secretMatches(presented, stored)).isFalse();
    }

    @Test
    void secretMatchesWhenStoredHashHasWrongLengthThenFalse() {
        byte[] stored = TokenFormat.hashSecret(DOC_SECRET);
        byte[] truncated = java.util.Arrays.copyOf(stored, 16);

        assertThat(TokenFormat.secretMatches(DOC_SECRET, truncated)).isFalse();
        assertThat(TokenFormat.secretMatches(DOC_SECRET, new byte[0])).isFalse();
    }

    @Test
    void hashSecretWhenKnownInputThenIsSha256OfUtf8() {
        assertThat(HexFormat.of().formatHex(TokenFormat.hashSecret("abcdefghijklmnopqrstuv")))
                .isEqualTo("f69f9b70d1c9a5442258ca76f8b0a7a45fcb4e31c36141b6357ec591328b0624");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "short id,       012345678,   abcdefghijklmnopqrstuv",
        "id not base62,  012345678_,  abcdefghijklmnopqrstuv",
        "short secret,   0123456789,  abcdefghijklmnopqrstu",
        "secret with -,  0123456789,  abcdefghijklmnopqrstu-",
    })
    void assembleWhenFieldsMalformedThenThrowsWithoutEchoingSecret(
            String description, String id, String secret) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> TokenFormat.assemble(TokenKind.API_TOKEN, id, secret))
                .withMessageNotContaining(secret);
    }

    @Test
    void tokenLengthWhenComputedThenIs44() {
        assertThat(TokenFormat.TOKEN_LENGTH).isEqualTo(44).isEqualTo(DOC_TOKEN.length());
    }

    /** Whether substituting {@code c} at {@code i} leaves prefix, separators and alphabet intact. */
    private static boolean keepsShape(String token, int i, char c) {
        if (i == 3) {
            return "star".indexOf(c) >= 0;
        }
        boolean fixed = i < 3 || i == 4 || i == 15;
        return !fixed && Base62.isDigit(c);
    }

    private static String randomToken(TokenKind kind, SplittableRandom random) {
        return TokenFormat.assemble(
                kind, randomBase62(random, TokenFormat.ID_LENGTH),
                randomBase62(random, TokenFormat.SECRET_LENGTH));
    }

    private static String randomBase62(SplittableRandom random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(Base62.ALPHABET.charAt(random.nextInt(62)));
        }
        return out.toString();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
