package dev.tokend.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoDurationTest {

    private static final long NS = 1L;
    private static final long US = 1_000L;
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;
    private static final long M = 60 * S;
    private static final long H = 60 * M;

    /** Expected strings are what Go's time.Duration(n).String() prints for n nanoseconds. */
    @ParameterizedTest(name = "{0}ns formats as {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
                    0                    | 0s
                    1                    | 1ns
                    999                  | 999ns
                    1000                 | 1µs
                    1100                 | 1.1µs
                    999999               | 999.999µs
                    1000000              | 1ms
                    1500000              | 1.5ms
                    2200000              | 2.2ms
                    500000000            | 500ms
                    999999999            | 999.999999ms
                    1000000000           | 1s
                    1500000000           | 1.5s
                    3300000000           | 3.3s
                    1000000001           | 1.000000001s
                    60000000000          | 1m0s
                    61000000000          | 1m1s
                    245000000000         | 4m5s
                    245001000000         | 4m5.001s
                    480000000001         | 8m0.000000001s
                    3600000000000        | 1h0m0s
                    5400000000000        | 1h30m0s
                    9900000000000        | 2h45m0s
                    18367001000000       | 5h6m7.001s
                    86400000000000       | 24h0m0s
                    604800000000000      | 168h0m0s
                    2592000000000000     | 720h0m0s
                    31536000000000000    | 8760h0m0s
                    3155760000000000000  | 876600h0m0s
                    9223372036854775807  | 2562047h47m16.854775807s
                    -1                   | -1ns
                    -1500000             | -1.5ms
                    -3600000000000       | -1h0m0s
                    -9223372036854775808 | -2562047h47m16.854775808s
                    """)
    void formatWhenGoReferenceValueThenMatchesGoString(long nanos, String expected) {
        assertThat(GoDuration.format(Duration.ofNanos(nanos))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\" parses to {1}ns")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
                    0                       | 0
                    -0                      | 0
                    +0                      | 0
                    0s                      | 0
                    5s                      | 5000000000
                    30s                     | 30000000000
                    90s                     | 90000000000
                    1478s                   | 1478000000000
                    -5s                     | -5000000000
                    +5s                     | 5000000000
                    -0s                     | 0
                    5.0s                    | 5000000000
                    5.6s                    | 5600000000
                    5.s                     | 5000000000
                    .5s                     | 500000000
                    1.004s                  | 1004000000
                    1.0040s                 | 1004000000
                    100.00100s              | 100001000000
                    00001s                  | 1000000000
                    000000000000000000000000001s | 1000000000
                    10ns                    | 10
                    11us                    | 11000
                    12µs                    | 12000
                    12μs                    | 12000
                    13ms                    | 13000000
                    300ms                   | 300000000
                    15m                     | 900000000000
                    16h                     | 57600000000000
                    1.5h                    | 5400000000000
                    1h30m                   | 5400000000000
                    2h45m                   | 9900000000000
                    -1h                     | -3600000000000
                    3h30m                   | 12600000000000
                    10.5s4m                 | 250500000000
                    -2m3.4s                 | -123400000000
                    1h2m3s4ms5us6ns         | 3723004005006
                    39h9m14.425s            | 140954425000000
                    52763797000ns           | 52763797000
                    0.3333333333333333333h  | 1200000000000
                    0.100000000000000000000h | 360000000000
                    0.830103483285477580700h | 2988372539827
                    0.5ns                   | 0
                    1.9ns                   | 1
                    9007199254740993ns      | 9007199254740993
                    9223372036854775807ns   | 9223372036854775807
                    9223372036854775.807us  | 9223372036854775807
                    9223372036s854ms775us807ns | 9223372036854775807
                    -9223372036854775808ns  | -9223372036854775808
                    -9223372036854775.808us | -9223372036854775808
                    7d                      | 604800000000000
                    1.5d                    | 129600000000000
                    1y                      | 31536000000000000
                    1y2d3h                  | 31719600000000000
                    -1y                     | -31536000000000000
                    292y                    | 9208512000000000000
                    """)
    void parseWhenValidSyntaxThenReturnsExactNanos(String text, long expectedNanos) {
        assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofNanos(expectedNanos));
    }

    @ParameterizedTest(name = "\"{0}\" is rejected with: {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            textBlock =
                    """
                    ''                        | invalid duration ""
                    abc                       | invalid duration "abc"
                    -                         | invalid duration "-"
                    +                         | invalid duration "+"
                    s                         | invalid duration "s"
                    .                         | invalid duration "."
                    -.                        | invalid duration "-."
                    .s                        | invalid duration ".s"
                    +.s                       | invalid duration "+.s"
                    --5s                      | invalid duration "--5s"
                    ' 5s'                     | invalid duration " 5s"
                    5                         | missing unit in duration "5"
                    00                        | missing unit in duration "00"
                    1h5                       | missing unit in duration "1h5"
                    1.5                       | missing unit in duration "1.5"
                    5x                        | unknown unit "x" in duration "5x"
                    5S                        | unknown unit "S" in duration "5S"
                    5sec                      | unknown unit "sec" in duration "5sec"
                    '5 s'                     | unknown unit " s" in duration "5 s"
                    1h-5m                     | unknown unit "h-" in duration "1h-5m"
                    9223372036854775808ns     | invalid duration "9223372036854775808ns"
                    9223372036854775810ns     | invalid duration "9223372036854775810ns"
                    -9223372036854775809ns    | invalid duration "-9223372036854775809ns"
                    9223372036854776us        | invalid duration "9223372036854776us"
                    9223372036854775.808us    | invalid duration "9223372036854775.808us"
                    9223372036854ms775us808ns | invalid duration "9223372036854ms775us808ns"
                    3000000h                  | invalid duration "3000000h"
                    293y                      | invalid duration "293y"
                    99999999999999999999999999ns | invalid duration "99999999999999999999999999ns"
                    """)
    void parseWhenInvalidThenThrowsWithGoLikeMessage(String text, String expectedMessage) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> GoDuration.parse(text))
                .withMessage(expectedMessage);
    }

    @Test
    void parseWhenComponentsOverflowOnlyInSumThenRejectsInsteadOfWrapping() {
        // Each component fits on its own; only the running total overflows.
        String text = "2562047h".repeat(2);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> GoDuration.parse(text))
                .withMessage("invalid duration \"" + text + "\"");
    }

    @Test
    void parseWhenMessageContainsControlCharactersThenTheyAreEscaped() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> GoDuration.parse("5\nx"))
                .withMessage("unknown unit \"\\u000ax\" in duration \"5\\u000ax\"");
    }

    @Test
    void parseWhenNullThenThrowsNullPointerException() {
        assertThatNullPointerException().isThrownBy(() -> GoDuration.parse(null));
    }

    @ParameterizedTest(name = "{0} round-trips")
    @CsvSource({
        "168h0m0s", "876600h0m0s", "1h30m0s", "1m0s", "1.5s", "500ms", "1µs", "0s", "-1h0m0s",
        "1.1µs", "999.999999ms", "2562047h47m16.854775807s", "-2562047h47m16.854775808s"
    })
    void formatWhenParsingGoOutputThenReproducesIt(String goString) {
        assertThat(GoDuration.format(GoDuration.parse(goString))).isEqualTo(goString);
    }

    @ParameterizedTest(name = "\"{0}\" formats as {1}")
    @CsvSource({"7d, 168h0m0s", "1y, 8760h0m0s", "1y2d3h, 8811h0m0s", "90s, 1m30s", "0, 0s"})
    void formatWhenParsedWithExtraUnitsThenPrintsOnlyGoUnits(String input, String expected) {
        assertThat(GoDuration.format(GoDuration.parse(input))).isEqualTo(expected);
    }

    @Test
    void parseWhenFormattingRandomDurationsThenRoundTripsExactly() {
        SplittableRandom random = new SplittableRandom(20240601L);
        for (int i = 0; i < 20_000; i++) {
            // Mix the full range with values near unit boundaries so every branch is covered.
            long nanos =
                    switch (i % 4) {
                        case 0 -> random.nextLong();
                        case 1 -> random.nextLong(-S, S);
                        case 2 -> random.nextLong(-1000 * H, 1000 * H);
                        default -> random.nextLong(-2 * MS, 2 * MS) * (random.nextBoolean() ? US : NS);
                    };
            Duration d = Duration.ofNanos(nanos);

            assertThat(GoDuration.parse(GoDuration.format(d))).as("%d ns", nanos).isEqualTo(d);
        }
    }

    @Test
    void formatWhenOutsideGoRangeThenThrowsIllegalArgument() {
        Duration tooLong = Duration.ofNanos(Long.MAX_VALUE).plusNanos(1);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> GoDuration.format(tooLong))
                .withMessageContaining("out of range");
    }

    @Test
    void toNanosWhenInsideGoRangeThenReturnsNanoCount() {
        assertThat(GoDuration.toNanos(Duration.ofHours(1))).isEqualTo(H);
        assertThat(GoDuration.toNanos(Duration.ofNanos(Long.MIN_VALUE))).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void toNanosWhenOutsideGoRangeThenThrowsIllegalArgument() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> GoDuration.toNanos(Duration.ofDays(365L * 300)));
    }
}
