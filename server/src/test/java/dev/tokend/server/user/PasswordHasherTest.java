package dev.tokend.server.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHasherTest {

    private static final PasswordHasher HASHER = PasswordHasher.forTests();

    /** Salt 00..0f, 65535 iterations; computed with Python's hashlib.pbkdf2_hmac. */
    private static final String REFERENCE_DEFAULT =
            "$pbkdf2-sha256$65535$AAECAwQFBgcICQoLDA0ODw$fkktLMxE8Y9DiYhAvkgycgXG4dmMgx2QPjPHcvGUgqO"
                    + "UtZZIqlLeI9IOiNUDSop8K0+ilOpxj8DbRvcN62jkiw";

    /** A valid stored hash of "hunter2" with 1024 iterations, the count older Coder used. */
    private static final String REFERENCE_1024 =
            "$pbkdf2-sha256$1024$MDEyMzQ1Njc4OWFiY2RlZg$Vq+GiqrnA+Zw8WyDZXK4aM6RsCeI+UV0nEQP1SMo2/HDR"
                    + "bfJKJ8NRiysRhiCUSEB6FULTYHL/ElixCRE5XUnwg";

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            textBlock =
                    """
                    SomeSecurePassword! | $pbkdf2-sha256$65535$AAECAwQFBgcICQoLDA0ODw$fkktLMxE8Y9DiYhAvkgycgXG4dmMgx2QPjPHcvGUgqOUtZZIqlLeI9IOiNUDSop8K0+ilOpxj8DbRvcN62jkiw
                    hunter2             | $pbkdf2-sha256$1024$MDEyMzQ1Njc4OWFiY2RlZg$Vq+GiqrnA+Zw8WyDZXK4aM6RsCeI+UV0nEQP1SMo2/HDRbfJKJ8NRiysRhiCUSEB6FULTYHL/ElixCRE5XUnwg
                    pässwörd✓           | $pbkdf2-sha256$1$ZGVmZ2hpamtsbW5vcHFycw$GkxuLI+bh7YUAi3JKPJL1jP76qhM/KfbNcN2ZKV3IRU2dhACu3aWzIOrsiiPMZQyI9eaEKid+G4DfbAmxjLtdA
                    ''                  | $pbkdf2-sha256$1000$AAECAwQFBgcICQoLDA0ODw$xbMBsf1hvO1j8AZCojBOxnRRn7182DxLyD2v4XQ/mFUmn4RuDTcG/8vnaBj/mDLwCLnVrTm3+5cOAT86Txf15g
                    """)
    void verifyWhenHashFromIndependentImplementationThenMatchesOnlyThatPassword(
            String password, String encoded) {
        assertThat(HASHER.verify(password, encoded)).isTrue();
        assertThat(HASHER.verify(password + "x", encoded)).isFalse();
    }

    @Test
    void hashWhenPasswordGivenThenUsesCoderFormatWithSaltAndKeyLengths() {
        String encoded = HASHER.hash("SomeSecurePassword!");

        // 16 bytes -> 22 base64 characters, 64 bytes -> 86, both without padding.
        assertThat(encoded).matches("\\$pbkdf2-sha256\\$1024\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{86}");
    }

    @Test
    void hashWhenSamePasswordTwiceThenSaltsDifferAndBothVerify() {
        String first = HASHER.hash("SomeSecurePassword!");
        String second = HASHER.hash("SomeSecurePassword!");

        assertThat(first).isNotEqualTo(second);
        assertThat(HASHER.verify("SomeSecurePassword!", first)).isTrue();
        assertThat(HASHER.verify("SomeSecurePassword!", second)).isTrue();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"somesecurepassword!", "SomeSecurePassword", "SomeSecurePassword! ", ""})
    void verifyWhenPasswordDiffersThenFalse(String attempt) {
        String encoded = HASHER.hash("SomeSecurePassword!");

        assertThat(HASHER.verify(attempt, encoded)).isFalse();
    }

    @Test
    void constructorWhenDefaultThenUsesCoderIterationCount() {
        PasswordHasher hasher = new PasswordHasher(new SecureRandom());

        assertThat(hasher.iterations()).isEqualTo(65_535);
        String encoded = hasher.hash("SomeSecurePassword!");
        assertThat(encoded).startsWith("$pbkdf2-sha256$65535$");
        assertThat(hasher.verify("SomeSecurePassword!", encoded)).isTrue();
    }

    @Test
    void verifyWhenStoredIterationsDifferFromConfiguredThenUsesStoredCount() {
        assertThat(HASHER.verify("SomeSecurePassword!", REFERENCE_DEFAULT)).isTrue();
        assertThat(new PasswordHasher(new SecureRandom(), 5).verify("hunter2", REFERENCE_1024))
                .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            textBlock =
                    """
                    garbage                   | not-a-hash
                    only scheme               | $pbkdf2-sha256$
                    no leading dollar         | pbkdf2-sha256$1024$MDEyMzQ1Njc4OWFiY2RlZg$Vq+GiqrnA+Zw8WyDZXK4aM6RsCeI+UV0nEQP1SMo2/HDRbfJKJ8NRiysRhiCUSEB6FULTYHL/ElixCRE5XUnwg
                    other scheme              | $pbkdf2-sha512$1024$MDEyMzQ1Njc4OWFiY2RlZg$Vq+GiqrnA+Zw8WyDZXK4aM6RsCeI+UV0nEQP1SMo2/HDRbfJKJ8NRiysRhiCUSEB6FULTYHL/ElixCRE5XUnwg
                    bcrypt                    | $2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy
                    iterations not a number   | $pbkdf2-sha256$abc$MDEyMzQ1Njc4OWFiY2RlZg$Vq+GiqrnA+Zw8WyDZXK4aM6RsCeI+UV0nEQP1SMo2/HDRbfJKJ8NRiysRhiCUSEB6FULTYHL/ElixCRE5XUnwg
                    iterations signed         | $pbkdf2-sha256$+1024$MDEyMzQ1Njc4OWFiY2RlZg$Vq+GiqrnA+Zw8WyDZXK4aM6RsCeI+UV0nEQP1SMo2/HDRbfJKJ8NRiysRhiCUSEB6FULTYHL/ElixCRE5XUnwg
                    iterations negative       | $pbkdf2-sha256$-1$MDEyMzQ1Njc4OWFiY2RlZg$Vq+GiqrnA+Zw8WyDZXK4aM6RsCeI+UV0nEQP1SMo2/HDRbfJKJ8NRiysRhiCUSEB6FULTYHL/ElixCRE5XUnwg
                    iterations zero           | $pbkdf2-sha256$0$MDEyMzQ1Njc4OWFiY2RlZg$Vq+GiqrnA+Zw8WyDZXK4aM6RsCeI+UV0nEQP1SMo2/HDRbfJKJ8NRiysRhiCUSEB6FULTYHL/ElixCRE5XUnwg
                    iterations empty          | $pbkdf2-sha256$$MDEyMzQ1Njc4OWFiY2RlZg$Vq+GiqrnA+Zw8WyDZXK4aM6RsCeI+UV0nEQP1SMo2/HDRbfJKJ8NRiysRhiCUSEB6FULTYHL/ElixCRE5XUnwg
                    iterations above ceiling  | $pbkdf2-sha256$10000001$MDEyMzQ1Njc4OWFiY2RlZg$Vq+GiqrnA+Zw8WyDZXK4aM6RsCeI+UV0nEQP1SMo2/HDRbfJKJ8NRiysRhiCUSEB6FULTYHL/ElixCRE5XUnwg
                    iterations overflow int   | $pbkdf2-sha256$99999999999$MDEyMzQ1Njc4OWFiY2RlZg$Vq+GiqrnA+Zw8WyDZXK4aM6RsCeI+UV0nEQP1SMo2/HDRbfJKJ8NRiysRhiCUSEB6FULTYHL/ElixCRE5XUnwg
                    salt padded               | $pbkdf2-sha256$1024$MDEyMzQ1Njc4OWFiY2RlZg==$Vq+GiqrnA+Zw8WyDZXK4aM6RsCeI+UV0nEQP1SMo2/HDRbfJKJ8NRiysRhiCUSEB6FULTYHL/ElixCRE5XUnwg
                    salt not base64           | $pbkdf2-sha256$1024$MDEy!!!Njc4OWFiY2RlZg$Vq+GiqrnA+Zw8WyDZXK4aM6RsCeI+UV0nEQP1SMo2/HDRbfJKJ8NRiysRhiCUSEB6FULTYHL/ElixCRE5XUnwg
                    salt url-safe alphabet    | $pbkdf2-sha256$1024$MDEyMzQ1Njc4OWFiY2RlZg$Vq-GiqrnA-Zw8WyDZXK4aM6RsCeI-UV0nEQP1SMo2_HDRbfJKJ8NRiysRhiCUSEB6FULTYHL_ElixCRE5XUnwg
                    salt empty                | $pbkdf2-sha256$1024$$Vq+GiqrnA+Zw8WyDZXK4aM6RsCeI+UV0nEQP1SMo2/HDRbfJKJ8NRiysRhiCUSEB6FULTYHL/ElixCRE5XUnwg
                    hash truncated            | $pbkdf2-sha256$1024$MDEyMzQ1Njc4OWFiY2RlZg$Vq+GiqrnA+Zw8WyDZXK4aM6RsCeI+UV0nEQP1SMo2/HDRbfJKJ8NRiysRhiCUSEB6FULTYHL/ElixCRE5XUn
                    hash empty                | $pbkdf2-sha256$1024$MDEyMzQ1Njc4OWFiY2RlZg$
                    extra part                | $pbkdf2-sha256$1024$MDEyMzQ1Njc4OWFiY2RlZg$Vq+GiqrnA+Zw8WyDZXK4aM6RsCeI+UV0nEQP1SMo2/HDRbfJKJ8NRiysRhiCUSEB6FULTYHL/ElixCRE5XUnwg$
                    whitespace around         | ' $pbkdf2-sha256$1024$MDEyMzQ1Njc4OWFiY2RlZg$Vq+GiqrnA+Zw8WyDZXK4aM6RsCeI+UV0nEQP1SMo2/HDRbfJKJ8NRiysRhiCUSEB6FULTYHL/ElixCRE5XUnwg'
                    non-ASCII in hash         | $pbkdf2-sha256$1024$MDEyMzQ1Njc4OWFiY2RlZg$Vq+GiqrnA+Zw8WyDZXK4aM6RsCeI+UV0nEQP1SMo2/HDRbfJKJ8NRiysRhiCUSEB6FULTYHL/ElixCRE5XUnwé
                    """)
    void verifyWhenEncodedMalformedThenFalseWithoutThrowing(String description, String encoded) {
        assertThat(HASHER.verify("hunter2", encoded)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void verifyWhenNoStoredHashThenFalse(String encoded) {
        assertThat(HASHER.verify("hunter2", encoded)).isFalse();
    }


    @ParameterizedTest
    @ValueSource(ints = {0, -1, PasswordHasher.MAX_ITERATIONS + 1})
    void constructorWhenIterationsOutOfRangeThenThrows(int iterations) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PasswordHasher(new SecureRandom(), iterations));
    }

    @Test
    void forTestsWhenCreatedThenUsesLowIterationCount() {
        assertThat(PasswordHasher.forTests().iterations()).isEqualTo(1_024);
    }
}
