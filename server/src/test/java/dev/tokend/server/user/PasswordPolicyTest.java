package dev.tokend.server.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

    private static final PasswordPolicy POLICY = new PasswordPolicy();

    private static final String TRY = "insecure password, try ";

    @ParameterizedTest(name = "\"{0}\" is accepted")
    @ValueSource(
            strings = {
                "SomeSecurePassword!",
                "MySecurePassw0rd!",
                "aGoo0dMi#oFChaR2",
                "correct horse battery staple",
                "Tr0ub4dor&3",
                "Ab1!_#xyzw",
                "Xk9#mP2$vL7@nQ4!wR8%zT",
                // Exactly 64 bytes.
                "SomeSecurePassword!SomeSecurePassword!SomeSecurePassword!abcdefg",
            })
    void validateWhenStrongEnoughAndShortEnoughThenEmpty(String password) {
        assertThat(POLICY.validate(password)).isEmpty();
    }

    /** Messages are go-password-validator's, as Coder returns them. */
    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            textBlock =
                    """
                    password    | including more special characters, using uppercase letters, using numbers or using a longer password
                    mypass      | including more special characters, using uppercase letters, using numbers or using a longer password
                    MYPASS      | including more special characters, using lowercase letters, using numbers or using a longer password
                    123         | including more special characters, using lowercase letters, using uppercase letters or using a longer password
                    qwertyuiop  | including more special characters, using uppercase letters, using numbers or using a longer password
                    P@ssw0rd    | including more special characters or using a longer password
                    Aa1!-#      | using a longer password
                    ''          | including more special characters, using lowercase letters, using uppercase letters, using numbers or using a longer password
                    éééééééééé  | including more special characters, using lowercase letters, using uppercase letters, using numbers or using a longer password
                    """)
    void validateWhenEntropyTooLowThenExplainsWhatIsMissing(String password, String advice) {
        assertThat(POLICY.validate(password)).contains(TRY + advice);
    }

    @Test
    void validateWhenLongButRepetitiveThenEntropyMessageWinsOverLength() {
        // 70 characters, but "a" counts only twice: Coder checks entropy first.
        assertThat(POLICY.validate("a".repeat(70)))
                .contains(
                        TRY
                                + "including more special characters, using uppercase letters,"
                                + " using numbers or using a longer password");
    }

    @Test
    void validateWhenStrongButLongerThan64ThenTooLong() {
        String password = "SomeSecurePassword!".repeat(3) + "abcdefgh";
        assertThat(password).hasSize(65);

        assertThat(POLICY.validate(password))
                .contains("password must be no more than 64 characters");
    }

    @Test
    void validateWhenUnder64CharactersButOver64Utf8BytesThenTooLong() {
        // 61 characters, 65 bytes: Coder measures with Go's len, which counts bytes.
        String password = "SomeSecurePassword!".repeat(3) + "éééé";

        assertThat(POLICY.validate(password))
                .contains("password must be no more than 64 characters");
    }

    @ParameterizedTest(name = "\"{0}\" has {1} bits")
    @CsvSource({
        // base 26, length 8
        "password,            37.6035",
        // base 26+26+5 = 57; 19 characters, but the third "e" is dropped: length 18
        "SomeSecurePassword!, 104.9920",
        // base 26+26+10+5 = 67, length 17
        "MySecurePassw0rd!,   103.1235",
        // one distinct unclassified character: base 1, so no entropy at all
        "éééééééééé,          0",
    })
    void entropyBitsWhenComputedThenMatchesValidatorFormula(String password, double bits) {
        assertThat(PasswordPolicy.entropyBits(password)).isCloseTo(bits, within(1e-4));
    }

    /**
     * Digits (10) + replacement characters (5) + one unclassified character = base 16, four bits
     * per character: 13 characters land exactly on the 52-bit minimum, which passes.
     */
    @ParameterizedTest(name = "\"{0}\" -> {1} bits")
    @CsvSource({"0123456789!@é, 52, true", "0123456789!é, 48, false"})
    void validateWhenExactlyAtMinimumThenAccepted(String password, double bits, boolean ok) {
        assertThat(PasswordPolicy.entropyBits(password)).isEqualTo(bits);
        assertThat(POLICY.validate(password).isEmpty()).isEqualTo(ok);
    }

    @Test
    void entropyBitsWhenSupplementaryCharactersThenCountsCodePointsNotChars() {
        // Ten distinct emoji: base 10, length 10 (not 20 UTF-16 units).
        String emoji = "😀😁😂🤣😃😄😅😆😉😊";

        assertThat(PasswordPolicy.entropyBits(emoji)).isCloseTo(33.2193, within(1e-4));
    }

    @Test
    void entropyBitsWhenCharacterRepeatedThenCountsAtMostTwice() {
        assertThat(PasswordPolicy.entropyBits("aaaa")).isEqualTo(PasswordPolicy.entropyBits("aa"));
        assertThat(PasswordPolicy.entropyBits("abab")).isEqualTo(PasswordPolicy.entropyBits("ababab"));
    }
}
