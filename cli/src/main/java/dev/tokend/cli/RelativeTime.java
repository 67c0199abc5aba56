package dev.tokend.cli;

import java.time.Duration;
import java.time.Instant;

/**
 * Human-friendly distances in time for tables: {@code "in 6 days"}, {@code "3 hours ago"},
 * {@code "just now"}. A distance is rounded down, so a token with seven days minus a few seconds
 * left reads {@code "in 6 days"}: it never promises more time than there is. A unit is used only
 * from two of it on ({@code "in 47 hours"}, not {@code "in 1 day"}), which keeps the rounding
 * error below half.
 */
final class RelativeTime {
    private static final long MINUTE = 60;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final long MONTH = 30 * DAY;
    private static final long YEAR = 365 * DAY;

    private RelativeTime() {}

    /** {@code time} relative to {@code now}. */
    static String of(Instant time, Instant now) {
        if (time == null) {
            return "";
        }
        long seconds = Duration.between(now, time).getSeconds();
        long distance = Math.abs(seconds);
        if (distance < 1) {
            return "just now";
        }
        String amount = amount(distance);
        return seconds > 0 ? "in " + amount : amount + " ago";
    }

    /**
     * Like {@link #of} but {@code "never"} for a time at or before the Unix epoch: the server
     * reports a key that was never used with the zero time.
     */
    static String orNever(Instant time, Instant now) {
        return time == null || !time.isAfter(Instant.EPOCH) ? "never" : of(time, now);
    }

    private static String amount(long seconds) {
        if (seconds < 2 * MINUTE) {
            return plural(seconds, "second");
        } else if (seconds < 2 * HOUR) {
            return plural(seconds / MINUTE, "minute");
        } else if (seconds < 2 * DAY) {
            return plural(seconds / HOUR, "hour");
        } else if (seconds < 60 * DAY) {
            // Days up to two months: "in 45 days" reads better than "in 1 month" for a token lifetime.
            return plural(seconds / DAY, "day");
        } else if (seconds < 2 * YEAR) {
            return plural(seconds / MONTH, "month");
        }
        return plural(seconds / YEAR, "year");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }
}
