package dev.tokend.server.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A point in time as a page shows it: relative ("in 29 days", "3 hours ago"), with the exact UTC
 * time for the hover title and the ISO form for {@code <time datetime>}.
 */
public record When(String relative, String exact, String iso) {
    private static final DateTimeFormatter EXACT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    /** Reference F.1: a last-used time before this (the epoch default) reads "Never". */
    private static final Instant NEVER_BEFORE = Instant.parse("2000-01-01T00:00:00Z");

    static When of(Instant t, Instant now) {
        if (t == null || t.isBefore(NEVER_BEFORE)) {
            return new When("Never", "Never", "");
        }
        return new When(relative(t, now), EXACT.format(t), t.toString());
    }

    static String relative(Instant t, Instant now) {
        Duration d = Duration.between(now, t);
        boolean future = !d.isNegative();
        long s = Math.abs(d.toSeconds());
        String amount;
        if (s < 45) {
            return "just now";
        } else if (s < 90 * 60) {
            amount = plural(Math.max(1, Math.round(s / 60.0)), "minute");
        } else if (s < 36 * 3600) {
            amount = plural(Math.round(s / 3600.0), "hour");
        } else if (s < 45L * 86400) {
            amount = plural(Math.round(s / 86400.0), "day");
        } else if (s < 548L * 86400) {
            amount = plural(Math.round(s / (30.0 * 86400)), "month");
        } else {
            amount = plural(Math.round(s / (365.0 * 86400)), "year");
        }
        return future ? "in " + amount : amount + " ago";
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
