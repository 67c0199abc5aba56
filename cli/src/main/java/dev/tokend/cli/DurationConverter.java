package dev.tokend.cli;

import dev.tokend.sdk.GoDuration;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Go-style durations with {@code d} and {@code y} units: {@code 24h}, {@code 1h30m}, {@code 7d}, {@code 1y}. */
final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return GoDuration.parse(value.strip());
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage() + " (examples: 90s, 1h30m, 24h, 7d, 1y)");
        }
    }
}
