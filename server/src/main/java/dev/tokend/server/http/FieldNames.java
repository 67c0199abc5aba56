package dev.tokend.server.http;

/**
 * A client-supplied field or parameter name made fit to quote in an error message: control
 * characters, {@code "} and {@code \} as {@code \\uXXXX}, and at most {@value #MAX_SHOWN}
 * characters, so a hostile name can neither break the message nor make it large.
 */
final class FieldNames {
    static final int MAX_SHOWN = 64;

    private FieldNames() {}

    static String printable(String name) {
        String shown = name.length() > MAX_SHOWN ? name.substring(0, MAX_SHOWN) + "…" : name;
        StringBuilder out = new StringBuilder(shown.length());
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
