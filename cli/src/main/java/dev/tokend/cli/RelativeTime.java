package dev.tokend.cli;

import java.time.Duration;
import java.time.Instant;

/**
 * Human-friendly distances in time for tables: {@code "in 7 days"}, {@code "3 hours ago"},
 * {@code "just now"}. A distance is rounded to the nearest unit, as {@code gh} and Coder's CLI
 * show them, so a token created a second ago with a 7-day lifetime reads {@code "in 7 days"}, not
 * {@code "in 6 days"} (the issue: rounding down read as a day lost). A unit is used only from two
 * of it on ({@code "in 47 hours"}, not {@code "in 2 days"}), which keeps the rounding error small.
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
            return plural(nearest(seconds, MINUTE), "minute");
        } else if (seconds < 2 * DAY) {
            return plural(nearest(seconds, HOUR), "hour");
        } else if (seconds < 60 * DAY) {
            // Days up to two months: "in 45 days" reads better than "in 1 month" for a token lifetime.
            return plural(nearest(seconds, DAY), "day");
        } else if (seconds < 2 * YEAR) {
            return plural(nearest(seconds, MONTH), "month");
        }
        return plural(nearest(seconds, YEAR), "year");
    }

    /** {@code seconds} in whole {@code unit}s, half a unit rounding up. */
    private static long nearest(long seconds, long unit) {
        return (seconds + unit / 2) / unit;
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }
}
