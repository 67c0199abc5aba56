package dev.tokend.sdk.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The scalar, list, map and untyped decoders the record codecs are made of. Each takes the parser
 * on the value's first token and leaves it on the value's last, and accepts JSON {@code null} and
 * exactly one JSON type: as {@code TokendJson} (which disables scalar coercion), a number where a
 * string is expected, a string where a boolean is expected and so on fail, with the JSON pointer of
 * the value in the message.
 *
 * <p>Times and UUIDs are read in the form the server writes (RFC 3339 and the 36-character form);
 * databind also takes a few others (epoch numbers, digit strings, base64 or empty UUIDs, padded
 * text), which no tokend server sends, and these fail here.
 */
final class JsonRead {
    private JsonRead() {}

    /**
     * True on the start of an object (then read its fields with {@link #nextField}), false on
     * {@code null}; any other token fails.
     */
    static boolean startObject(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> true;
            case VALUE_NULL -> false;
            default -> throw mismatch(p, "an object");
        };
    }

    /** Moves to the next field's value and returns true, or returns false at the object's end. */
    static boolean nextField(JsonParser p) throws IOException {
        if (p.nextToken() == JsonToken.END_OBJECT) {
            return false;
        }
        p.nextToken();
        return true;
    }

    static String string(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_STRING -> p.getText();
            case VALUE_NULL -> null;
            default -> throw mismatch(p, "a string");
        };
    }

    /** A {@code boolean}: null is false, as databind gives for a primitive. */
    static boolean bool(JsonParser p) throws IOException {
        Boolean value = boolOrNull(p);
        return value != null && value;
    }

    static Boolean boolOrNull(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw mismatch(p, "a boolean");
        };
    }

    /** An {@code int}: null is 0; an integer out of its range fails (jackson-core's check). */
    static int int32(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_NUMBER_INT -> p.getIntValue();
            case VALUE_NULL -> 0;
            default -> throw mismatch(p, "an integer");
        };
    }

    /** A {@code long}: null is 0. */
    static long int64(JsonParser p) throws IOException {
        Long value = int64OrNull(p);
        return value == null ? 0 : value;
    }

    static Long int64OrNull(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_NUMBER_INT -> p.getLongValue();
            case VALUE_NULL -> null;
            default -> throw mismatch(p, "an integer");
        };
    }

    /** The 36-character form only ({@link UUID#fromString} alone also takes {@code 1-1-1-1-1}). */
    static UUID uuid(JsonParser p) throws IOException {
        String text = string(p);
        if (text == null) {
            return null;
        }
        if (!isCanonicalUuid(text)) {
            throw new JsonParseException(p, "expected a UUID at " + path(p) + ", not " + quoted(text));
        }
        return UUID.fromString(text);
    }

    private static boolean isCanonicalUuid(String text) {
        if (text.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23
                    ? c == '-'
                    : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** An RFC 3339 time as {@link DateTimeFormatter#ISO_INSTANT} parses it (any offset, converted to UTC). */
    static Instant instant(JsonParser p) throws IOException {
        String text = string(p);
        if (text == null) {
            return null;
        }
        try {
            return DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from);
        } catch (DateTimeParseException e) {
            throw new JsonParseException(p, "expected an RFC 3339 time at " + path(p) + ", not " + quoted(text), e);
        }
    }

    static List<String> strings(JsonParser p) throws IOException {
        return list(p, JsonRead::string);
    }

    static List<UUID> uuids(JsonParser p) throws IOException {
        return list(p, JsonRead::uuid);
    }

    /** An array as an {@link ArrayList} (as databind gives), or null. */
    static <T> List<T> list(JsonParser p, Decoder<T> element) throws IOException {
        switch (p.currentToken()) {
            case START_ARRAY -> {
                List<T> values = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    values.add(element.read(p));
                }
                return values;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw mismatch(p, "an array");
        }
    }

    /** An object as a {@link LinkedHashMap} in document order (a repeated name: the last wins), or null. */
    static <T> Map<String, T> map(JsonParser p, Decoder<T> value) throws IOException {
        if (!startObject(p)) {
            return null;
        }
        Map<String, T> values = new LinkedHashMap<>();
        while (nextField(p)) {
            values.put(p.currentName(), value.read(p));
        }
        return values;
    }

    /**
     * Any JSON value as the plain Java value databind gives for {@code Object}: {@link LinkedHashMap},
     * {@link ArrayList}, {@link String}, {@link Integer}, {@link Long} or {@link java.math.BigInteger}
     * (the smallest that holds the integer), {@link Double}, {@link Boolean} or null.
     */
    static Object any(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> map(p, JsonRead::any);
            case START_ARRAY -> list(p, JsonRead::any);
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw mismatch(p, "a JSON value");
        };
    }

    /** A required field was missing or null, which the record cannot hold. */
    static JsonParseException missing(JsonParser p, String record, String field) {
        return new JsonParseException(p, record + " at " + path(p) + " has no " + field);
    }

    /** The value at the parser has another JSON type than {@code expected}. */
    private static JsonParseException mismatch(JsonParser p, String expected) throws IOException {
        return new JsonParseException(p, "expected " + expected + " at " + path(p) + ", not " + describe(p));
    }

    /** The JSON pointer of the current value ({@code /users/0/username}), or {@code the top level}. */
    private static String path(JsonParser p) {
        String pointer = p.getParsingContext().pathAsPointer().toString();
        return pointer.isEmpty() ? "the top level" : pointer;
    }

    private static String describe(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "the string " + quoted(p.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + p.getText();
            case VALUE_TRUE, VALUE_FALSE -> "the boolean " + p.getText();
            case VALUE_NULL -> "null";
            default -> String.valueOf(token);
        };
    }

    /** The text in quotes, cut at 40 characters: a message does not repeat a huge value. */
    private static String quoted(String text) {
        return "\"" + (text.length() <= 40 ? text : text.substring(0, 40) + "...") + "\"";
    }
}
