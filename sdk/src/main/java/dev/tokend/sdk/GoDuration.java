package dev.tokend.sdk;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;

/**
 * Go-compatible duration text, shared by server options, the CLI and the SDK.
 *
 * <p>Coder's API and CLI speak durations in the syntax of Go's {@code time.ParseDuration} and print
 * them with {@code time.Duration.String()} (for example a key lifetime of {@code "168h0m0s"}). This
 * class reproduces both so tokend's JSON and flags stay interchangeable with Coder's.
 *
 * <p>Like a Go {@code time.Duration}, the representable range is a signed 64-bit count of
 * nanoseconds (about ±292 years); anything outside it is rejected rather than wrapped.
 *
 * <p>Parsing also accepts two units Go lacks, because Coder's CLI accepts them for token lifetimes:
 * {@code d} (24 hours) and {@code y} (365 days). Formatting never emits them, exactly as Go.
 */
public final class GoDuration {

    private static final long NANOS_PER_MICRO = 1_000L;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long NANOS_PER_MINUTE = 60 * NANOS_PER_SECOND;
    private static final long NANOS_PER_HOUR = 60 * NANOS_PER_MINUTE;
    private static final long NANOS_PER_DAY = 24 * NANOS_PER_HOUR;
    private static final long NANOS_PER_YEAR = 365 * NANOS_PER_DAY;

    /** 2^63: the largest magnitude a negative Go duration can have. */
    private static final BigInteger MAX_NEGATIVE_MAGNITUDE = BigInteger.ONE.shiftLeft(63);

    private static final BigInteger MAX_POSITIVE = BigInteger.valueOf(Long.MAX_VALUE);

    /** 2^63 has 19 digits, so a 20-digit integer part overflows with any unit. */
    private static final int MAX_WHOLE_DIGITS = 19;

    private GoDuration() {}

    /**
     * Parses Go duration syntax: an optional sign followed by one or more decimal numbers, each
     * with an optional fraction and a mandatory unit, such as {@code "300ms"}, {@code "-1.5h"} or
     * {@code "2h45m"}. Valid units are {@code ns}, {@code us} (or {@code µs}/{@code μs}),
     * {@code ms}, {@code s}, {@code m}, {@code h}, and tokend's extra {@code d} and {@code y}. The
     * lone string {@code "0"} (optionally signed) needs no unit.
     *
     * <p>Fractions go through the same {@code float64} arithmetic as Go's implementation, so the
     * result matches Go to the nanosecond: {@code "0.3333333333333333333h"} is exactly 20 minutes
     * in both, although the exact decimal value is a hair less. The one deliberate difference is
     * that a sum of components reaching 2^64 nanoseconds is rejected here; Go's unsigned
     * accumulator wraps it to a small value.
     *
     * @throws IllegalArgumentException if {@code s} is not valid duration syntax or the value does
     *     not fit in a signed 64-bit nanosecond count
     */
    public static Duration parse(String s) {
        Objects.requireNonNull(s, "s");
        String rest = s;
        boolean negative = false;
        if (!rest.isEmpty() && (rest.charAt(0) == '-' || rest.charAt(0) == '+')) {
            negative = rest.charAt(0) == '-';
            rest = rest.substring(1);
        }
        // Go's special case: "0" is the one number allowed without a unit.
        if (rest.equals("0")) {
            return Duration.ZERO;
        }
        if (rest.isEmpty()) {
            throw invalid(s);
        }

        // Accumulate the magnitude exactly and check the range once per component, so a long
        // string of components can neither overflow nor wrap.
        BigInteger total = BigInteger.ZERO;
        int i = 0;
        int n = rest.length();
        while (i < n) {
            char first = rest.charAt(i);
            if (first != '.' && !isDigit(first)) {
                throw invalid(s);
            }

            int wholeStart = i;
            while (i < n && isDigit(rest.charAt(i))) {
                i++;
            }
            String whole = rest.substring(wholeStart, i);
            if (significantDigits(whole) > MAX_WHOLE_DIGITS) {
                // Certain overflow; refusing here keeps a huge digit string cheap to reject.
                throw invalid(s);
            }

            String fraction = "";
            if (i < n && rest.charAt(i) == '.') {
                i++;
                int fractionStart = i;
                while (i < n && isDigit(rest.charAt(i))) {
                    i++;
                }
                fraction = rest.substring(fractionStart, i);
            }
            if (whole.isEmpty() && fraction.isEmpty()) {
                // "." or ".s": a point with no digits on either side.
                throw invalid(s);
            }

            int unitStart = i;
            while (i < n && rest.charAt(i) != '.' && !isDigit(rest.charAt(i))) {
                i++;
            }
            if (unitStart == i) {
                throw new IllegalArgumentException("missing unit in duration " + quote(s));
            }
            String unitText = rest.substring(unitStart, i);
            long unit = unitNanos(unitText);
            if (unit == 0) {
                throw new IllegalArgumentException(
                        "unknown unit " + quote(unitText) + " in duration " + quote(s));
            }

            total = total.add(componentNanos(whole, fraction, unit));
            if (total.compareTo(MAX_NEGATIVE_MAGNITUDE) > 0) {
                throw invalid(s);
            }
        }

        if (negative) {
            // -2^63 is representable, so the negated magnitude always fits here.
            return Duration.ofNanos(total.negate().longValueExact());
        }
        if (total.compareTo(MAX_POSITIVE) > 0) {
            throw invalid(s);
        }
        return Duration.ofNanos(total.longValueExact());
    }

    /**
     * Formats {@code d} exactly as Go's {@code time.Duration.String()}: hours, minutes and seconds
     * with a trimmed decimal fraction ({@code "1h30m0s"}, {@code "1.5s"}, {@code "168h0m0s"}); for
     * magnitudes below one second, a single unit of {@code ms}, {@code µs} (U+00B5) or {@code ns}
     * ({@code "500ms"}, {@code "1.5µs"}); and {@code "0s"} for zero.
     *
     * @throws IllegalArgumentException if {@code d} does not fit in a signed 64-bit nanosecond
     *     count and so has no Go representation
     */
    public static String format(Duration d) {
        long nanos = toNanos(d);
        if (nanos == 0) {
            return "0s";
        }
        boolean negative = nanos < 0;
        // Work on the unsigned magnitude: -Long.MIN_VALUE overflows back to itself, but read as
        // unsigned it is exactly 2^63, which is what Go's uint64 arithmetic does too.
        long magnitude = negative ? -nanos : nanos;

        StringBuilder out = new StringBuilder(32);
        if (Long.compareUnsigned(magnitude, NANOS_PER_SECOND) < 0) {
            // Below one second: one unit, chosen so the integer part is at least one.
            if (magnitude < NANOS_PER_MICRO) {
                out.append(magnitude).append("ns");
            } else if (magnitude < NANOS_PER_MILLI) {
                appendWithFraction(out, magnitude, NANOS_PER_MICRO, 3);
                out.append("µs");
            } else {
                appendWithFraction(out, magnitude, NANOS_PER_MILLI, 6);
                out.append("ms");
            }
        } else {
            long totalSeconds = Long.divideUnsigned(magnitude, NANOS_PER_SECOND);
            long subSecond = Long.remainderUnsigned(magnitude, NANOS_PER_SECOND);
            long hours = totalSeconds / 3600;
            long minutes = totalSeconds / 60 % 60;
            long seconds = totalSeconds % 60;
            // Go prints the larger units only when they are non-zero, but once a larger unit is
            // printed every smaller one follows ("1h0m0s").
            if (hours > 0) {
                out.append(hours).append('h');
            }
            if (hours > 0 || minutes > 0) {
                out.append(minutes).append('m');
            }
            out.append(seconds);
            appendFraction(out, subSecond, 9);
            out.append('s');
        }
        if (negative) {
            out.insert(0, '-');
        }
        return out.toString();
    }

    /**
     * Returns {@code d} as a signed 64-bit nanosecond count, the representation of a Go
     * {@code time.Duration}.
     *
     * @throws IllegalArgumentException if {@code d} is out of that range
     */
    public static long toNanos(Duration d) {
        Objects.requireNonNull(d, "d");
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "duration " + d + " is out of range for a Go duration (about ±292 years)", e);
        }
    }

    /**
     * Nanoseconds of one component: the integer part exactly, plus the fraction computed the way Go
     * computes it. Go keeps fraction digits in a 64-bit accumulator while they fit (at most 2^63),
     * silently dropping the rest, then adds {@code (uint64)(float64(f) * (float64(unit) / scale))}.
     * IEEE 754 doubles make the Java expression below bit-for-bit the same.
     */
    private static BigInteger componentNanos(String whole, String fraction, long unit) {
        BigInteger value =
                whole.isEmpty()
                        ? BigInteger.ZERO
                        : new BigInteger(whole).multiply(BigInteger.valueOf(unit));
        long f = 0; // unsigned: may reach exactly 2^63, which reads as Long.MIN_VALUE
        double scale = 1;
        boolean full = false;
        for (int i = 0; i < fraction.length() && !full; i++) {
            if (Long.compareUnsigned(f, Long.MAX_VALUE / 10) > 0) {
                full = true;
                continue;
            }
            long next = f * 10 + (fraction.charAt(i) - '0');
            if (Long.compareUnsigned(next, Long.MIN_VALUE) > 0) {
                full = true;
                continue;
            }
            f = next;
            scale *= 10;
        }
        if (f != 0) {
            // 2^63 is the only value above Long.MAX_VALUE the accumulator can hold.
            double fractionDigits = f < 0 ? 0x1p63 : (double) f;
            // The product is below one unit (at most a year, ~3.2e16 ns), so the cast cannot
            // saturate; it truncates toward zero like Go's float-to-uint64 conversion.
            long fractionNanos = (long) (fractionDigits * ((double) unit / scale));
            value = value.add(BigInteger.valueOf(fractionNanos));
        }
        return value;
    }

    /** Nanoseconds in {@code unit}, or 0 when the unit is unknown. */
    private static long unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            // Go accepts "us", U+00B5 MICRO SIGN and U+03BC GREEK SMALL LETTER MU.
            case "us", "\u00b5s", "\u03bcs" -> NANOS_PER_MICRO;
            case "ms" -> NANOS_PER_MILLI;
            case "s" -> NANOS_PER_SECOND;
            case "m" -> NANOS_PER_MINUTE;
            case "h" -> NANOS_PER_HOUR;
            case "d" -> NANOS_PER_DAY;
            case "y" -> NANOS_PER_YEAR;
            default -> 0L;
        };
    }

    /** Appends {@code value / unit} with its fraction of {@code digits} digits, trimmed. */
    private static void appendWithFraction(StringBuilder out, long value, long unit, int digits) {
        out.append(value / unit);
        appendFraction(out, value % unit, digits);
    }

    /**
     * Appends {@code "." + fraction} zero-padded to {@code digits} digits with trailing zeros
     * removed, or nothing when the fraction is zero (Go's {@code fmtFrac}).
     */
    private static void appendFraction(StringBuilder out, long fraction, int digits) {
        if (fraction == 0) {
            return;
        }
        String padded = String.valueOf(fraction);
        padded = "0".repeat(digits - padded.length()) + padded;
        int end = padded.length();
        while (padded.charAt(end - 1) == '0') {
            end--;
        }
        out.append('.').append(padded, 0, end);
    }

    private static int significantDigits(String digits) {
        int start = 0;
        while (start < digits.length() && digits.charAt(start) == '0') {
            start++;
        }
        return digits.length() - start;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static IllegalArgumentException invalid(String original) {
        return new IllegalArgumentException("invalid duration " + quote(original));
    }

    /**
     * Quotes text for an error message, escaping quotes, backslashes and control characters so a
     * hostile value cannot forge extra log lines.
     */
    private static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
