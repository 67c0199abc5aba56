package dev.tokend.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Relative times and aligned tables. */
class OutputFormattingTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @ParameterizedTest(name = "{0} seconds from now reads \"{1}\"")
    @CsvSource({
        "0,just now", "1,in 1 second", "-1,1 second ago", "90,in 90 seconds", "-119,119 seconds ago",
        "120,in 2 minutes", "-10800,3 hours ago", "7199,in 120 minutes", "7169,in 119 minutes", "86400,in 24 hours",
        "172799,in 48 hours", "169199,in 47 hours", "172800,in 2 days", "604799,in 7 days", "561600,in 7 days", "561599,in 6 days", "604800,in 7 days",
        "5183999,in 60 days", "5140800,in 60 days", "5184000,in 2 months", "-31535999,12 months ago", "63072000,in 2 years",
        "3155760000,in 100 years"})
    void relativeTimesRoundToTheNearestOfTheLargestUnitOfWhichThereAreTwo(long seconds, String expected) {
        assertThat(RelativeTime.of(NOW.plusSeconds(seconds), NOW)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"1970-01-01T00:00:00Z,never", "0001-01-01T00:00:00Z,never", "2026-11-22T11:00:00Z,60 minutes ago"})
    void lastUsedAtOrBeforeTheEpochIsNever(Instant lastUsed, String expected) {
        assertThat(RelativeTime.orNever(lastUsed, NOW)).isEqualTo(expected);
        assertThat(RelativeTime.orNever(null, NOW)).isEqualTo("never");
    }

    private static final Table<String[]> TABLE = new Table<>(
            new Table.Column<>("id", row -> row[0]),
            new Table.Column<>("last used", row -> row[1]),
            new Table.Column<>("note", row -> row[2]));

    @Test
    void tablesPadColumnsToTheWidestCellWithoutTrailingBlanks() {
        StringWriter out = new StringWriter();
        List<String[]> rows = List.of(new String[] {"a", "never", ""}, new String[] {"longer-id", "in 6 days", "x\ny"});

        TABLE.print(new PrintWriter(out), TABLE.select(new CommandLine(CommandSpec.create()), null,
                List.of("id", "last used", "note")), rows);

        assertThat(out.toString()).isEqualTo("""
                ID         LAST USED  NOTE
                a          never
                longer-id  in 6 days  x y
                """);
    }

    @ParameterizedTest
    @CsvSource({"last used", "LAST_USED", "last-used", " Last Used "})
    void columnNamesIgnoreCaseAndSeparators(String requested) {
        assertThat(TABLE.select(new CommandLine(CommandSpec.create()), List.of(requested), List.of()))
                .extracting(Table.Column::name).containsExactly("last used");
    }

    @Test
    void unknownColumnIsAParameterExceptionNamingTheChoices() {
        assertThatThrownBy(() -> TABLE.select(new CommandLine(CommandSpec.create()), List.of("colour"), List.of()))
                .isInstanceOf(ParameterException.class)
                .hasMessage("Unknown column \"colour\"; choose from id, last used, note");
    }

    @Test
    void durationsInRelativeTimeUseWholeSeconds() {
        assertThat(RelativeTime.of(NOW.plus(Duration.ofMillis(1500)), NOW)).isEqualTo("in 1 second");
    }
}
