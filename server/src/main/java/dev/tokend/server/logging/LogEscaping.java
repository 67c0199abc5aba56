package dev.tokend.server.logging;

/**
 * Escapes what a log value may not contain on a text log line: control characters (C0, DEL, C1)
 * and the Unicode line and paragraph separators, so a value (a token name with {@code \n}, say)
 * cannot end a line and forge the next one. {@code \n}, {@code \r} and {@code \t} become those
 * two-character escapes, everything else {@code \\uXXXX}; a backslash is doubled so an escape in the
 * output is always ours. Printable text is unchanged.
 */
public final class LogEscaping {
    private LogEscaping() {}

    public static String escape(String value) {
        if (value == null || !needsEscaping(value)) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            append(out, value.charAt(i), false);
        }
        return out.toString();
    }

    /** {@link #escape} and also {@code "} → {@code \"}, for values inside {@code key="value"} pairs. */
    public static String escapeQuoted(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            append(out, value.charAt(i), true);
        }
        return out.toString();
    }

    private static boolean needsEscaping(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || isControl(c)) {
                return true;
            }
        }
        return false;
    }

    private static void append(StringBuilder out, char c, boolean quoted) {
        switch (c) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case '\\' -> out.append("\\\\");
            case '"' -> out.append(quoted ? "\\\"" : "\"");
            default -> {
                if (isControl(c)) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
    }

    static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }
}
