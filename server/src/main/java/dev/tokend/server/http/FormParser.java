package dev.tokend.server.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Parses an {@code application/x-www-form-urlencoded} body (WHATWG URL Standard, section 5:
 * {@code name=value} pairs joined by {@code &}, {@code +} for space, {@code %XX} escapes, UTF-8).
 *
 * <p>Stricter than browsers in two ways, because every value ends up in a database query or a
 * comparison: a malformed escape ({@code %zz}, a lone {@code %}) and a NUL character (which
 * PostgreSQL refuses in text) are errors naming the field, not something to repair silently.
 */
public final class FormParser {
    private FormParser() {}

    /** Bad form input, naming the field (or {@code "(field name)"} when the name itself is bad). */
    public static final class InvalidFormException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String field;

        InvalidFormException(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** The first value of every field, in the order fields first appear. */
    public static Map<String, String> parse(String body) {
        Map<String, String> first = new LinkedHashMap<>();
        parseAll(body).forEach((name, values) -> first.put(name, values.get(0)));
        return Collections.unmodifiableMap(first);
    }

    /** Every value of every field (repeated fields such as checkbox groups), in order. */
    public static Map<String, java.util.List<String>> parseAll(String body) {
        Objects.requireNonNull(body, "body");
        Map<String, java.util.List<String>> form = new LinkedHashMap<>();
        for (String pair : body.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), null);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name);
            form.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(value);
        }
        return Collections.unmodifiableMap(form);
    }

    /** Decodes one name ({@code field == null}) or the value of {@code field}. */
    private static String decode(String raw, String field) {
        String what = field == null ? "(field name)" : field;
        String decoded;
        try {
            decoded = URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidFormException(what, "Form field \"" + FieldNames.printable(what)
                    + "\" has invalid percent-encoding (expected %XX with two hexadecimal digits).");
        }
        if (decoded.indexOf('\0') >= 0) {
            throw new InvalidFormException(what, "Form field \"" + FieldNames.printable(what)
                    + "\" must not contain a NUL character.");
        }
        return decoded;
    }
}
