package dev.tokend.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Base62Test {

    /** Hands out scripted bytes, so the sampling logic can be checked byte by byte. */
    private static final class ScriptedRandom extends SecureRandom {
        private final Deque<Integer> script = new ArrayDeque<>();

        ScriptedRandom(int... bytes) {
            for (int b : bytes) {
                script.add(b);
            }
        }

        @Override
        public void nextBytes(byte[] bytes) {
            for (int i = 0; i < bytes.length; i++) {
                if (script.isEmpty()) {
                    throw new AssertionError("asked for more random bytes than scripted");
                }
                bytes[i] = (byte) (int) script.poll();
            }
        }

        boolean exhausted() {
            return script.isEmpty();
        }
    }

    @Test
    void randomWhenSixBitValueIs62Or63ThenRejectsAndRedraws() {
        // 0x3E=62 and 0x3F=63 are rejected; high bits are masked off (0x7E -> 62, 0xC0 -> 0).
        ScriptedRandom rng = new ScriptedRandom(0x3E, 0x3F, 0x7E, 0x00, 0xFF, 0x3D, 0xC0, 0x0A);

        assertThat(Base62.random(rng, 4)).isEqualTo("0z0A");
        assertThat(rng.exhausted()).isTrue();
    }

    @Test
    void randomWhenLengthZeroThenEmpty() {
        assertThat(Base62.random(new SecureRandom(), 0)).isEmpty();
    }

    @Test
    void randomWhenLengthNegativeThenThrows() {
        assertThatIllegalArgumentException().isThrownBy(() -> Base62.random(new SecureRandom(), -1));
    }

    @Test
    void randomWhenManyCharactersDrawnThenEveryDigitIsEquallyLikely() {
        int perDigit = 10_000;
        String sample = Base62.random(new SecureRandom(), 62 * perDigit);
        int[] counts = new int[128];
        for (char c : sample.toCharArray()) {
            counts[c]++;
        }

        // The standard deviation of each count is about 98; 6% of 10,000 is over six of them,
        // while modulo bias would skew the first eight digits by about 25%.
        for (char c : Base62.ALPHABET.toCharArray()) {
            assertThat(counts[c]).as("count of %s", c).isBetween(9_400, 10_600);
        }
    }

    @ParameterizedTest(name = "{0} in {1} digits is {2}")
    @CsvSource({
        "0,          6, 000000",
        "9,          6, 000009",
        "10,         6, 00000A",
        "61,         6, 00000z",
        "62,         6, 000010",
        "3843,       2, zz",
        "4294967295, 6, 4gfFC3",
    })
    void encodeFixedWhenValueFitsThenZeroPaddedBigEndian(long value, int width, String expected) {
        assertThat(Base62.encodeFixed(value, width)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} in {1} digits")
    @CsvSource({"3844, 2", "-1, 6"})
    void encodeFixedWhenValueDoesNotFitThenThrows(long value, int width) {
        assertThatIllegalArgumentException().isThrownBy(() -> Base62.encodeFixed(value, width));
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource({
        "'',          true",
        "09AZaz,      true",
        "abc-def,     false",
        "abc_def,     false",
        "'abc def',   false",
        "é,           false",
        "٣,           false",
    })
    void isBase62WhenTextGivenThenOnlyAsciiAlphanumericsAccepted(String text, boolean expected) {
        assertThat(Base62.isBase62(text)).isEqualTo(expected);
    }

    @Test
    void alphabetWhenInspectedThenHas62DistinctAsciiAlphanumerics() {
        assertThat(Base62.ALPHABET.chars().distinct().count()).isEqualTo(62);
        assertThat(Base62.isBase62(Base62.ALPHABET)).isTrue();
    }
}
