package dev.tokend.sdk.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The field writers the record codecs are made of. A null value is written as JSON {@code null}
 * (databind's default inclusion); the codecs leave a field out themselves where a record asks for
 * {@code NON_NULL} or {@code NON_EMPTY}. Times are written as {@link Instant#toString()}, which is
 * {@link java.time.format.DateTimeFormatter#ISO_INSTANT}, as {@code TokendJson} writes them.
 */
final class JsonWrite {
    private JsonWrite() {}

    static void uuid(JsonGenerator g, String name, UUID value) throws IOException {
        g.writeStringField(name, value == null ? null : value.toString());
    }

    static void instant(JsonGenerator g, String name, Instant value) throws IOException {
        g.writeStringField(name, value == null ? null : value.toString());
    }

    static void bool(JsonGenerator g, String name, Boolean value) throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeBoolean(value);
        }
    }

    static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        list(g, name, values, JsonGenerator::writeString);
    }

    static void uuids(JsonGenerator g, String name, List<UUID> values) throws IOException {
        list(g, name, values, (out, id) -> out.writeString(id.toString()));
    }

    /** A nested value: {@code value} through {@code encoder}, or null. */
    static <T> void object(JsonGenerator g, String name, T value, Encoder<? super T> encoder) throws IOException {
        g.writeFieldName(name);
        value(g, value, encoder);
    }

    static <T> void list(JsonGenerator g, String name, List<T> values, Encoder<? super T> element)
            throws IOException {
        g.writeFieldName(name);
        if (values == null) {
            g.writeNull();
        } else {
            array(g, values, element);
        }
    }

    static <T> void array(JsonGenerator g, List<T> values, Encoder<? super T> element) throws IOException {
        g.writeStartArray();
        for (T value : values) {
            value(g, value, element);
        }
        g.writeEndArray();
    }

    /** A map as an object in the map's order; a null value is written as {@code null}, as databind does. */
    static <T> void map(JsonGenerator g, String name, Map<String, T> values, Encoder<? super T> value)
            throws IOException {
        g.writeFieldName(name);
        if (values == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        for (Map.Entry<String, T> entry : values.entrySet()) {
            g.writeFieldName(entry.getKey());
            value(g, entry.getValue(), value);
        }
        g.writeEndObject();
    }

    static <T> void value(JsonGenerator g, T value, Encoder<? super T> encoder) throws IOException {
        if (value == null) {
            g.writeNull();
        } else {
            encoder.write(g, value);
        }
    }

    /**
     * A plain Java value as JSON: what {@link JsonRead#any} reads (maps with string keys, lists,
     * strings, numbers, booleans, null), so that an {@code Object} field read from the server is
     * written back unchanged. Anything else is a caller's mistake.
     *
     * @throws IllegalArgumentException for a value of another type, or a map key that is not a string
     */
    static void any(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String text) {
            g.writeString(text);
        } else if (value instanceof Boolean flag) {
            g.writeBoolean(flag);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double number) {
            g.writeNumber(number);
        } else if (value instanceof Float number) {
            g.writeNumber(number);
        } else if (value instanceof BigInteger number) {
            g.writeNumber(number);
        } else if (value instanceof BigDecimal number) {
            g.writeNumber(number);
        } else if (value instanceof List<?> values) {
            g.writeStartArray();
            for (Object element : values) {
                any(g, element);
            }
            g.writeEndArray();
        } else if (value instanceof Map<?, ?> values) {
            g.writeStartObject();
            for (Map.Entry<?, ?> entry : values.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("a JSON object's keys are strings, not " + entry.getKey());
                }
                g.writeFieldName(key);
                any(g, entry.getValue());
            }
            g.writeEndObject();
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as plain JSON");
        }
    }
}
