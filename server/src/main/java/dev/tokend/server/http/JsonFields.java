package dev.tokend.server.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.tokend.sdk.TokendJson;
import java.io.IOException;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Field-level checks and messages for JSON request bodies: a NUL anywhere is refused naming its
 * field, and a decoding error is described by field path ({@code allow_list[0].type}) and the JSON
 * type expected ({@code string}, {@code number}, {@code boolean}, {@code array}, {@code object}),
 * never by Java class names, which mean nothing to a client and describe our internals.
 */
public final class JsonFields {
    private JsonFields() {}

    /** A NUL character in a JSON string or key, naming the field. */
    public static final class NulInJsonException extends IOException {
        private static final long serialVersionUID = 1L;
        private final String field;

        NulInJsonException(String field) {
            super("Field \"" + field + "\" must not contain a NUL character (U+0000).");
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /**
     * Streams through {@code json} and throws {@link NulInJsonException} at the first key or string
     * value containing U+0000. Malformed JSON throws Jackson's own exception (reported by the caller).
     */
    static void refuseNul(byte[] json) throws IOException {
        try (JsonParser parser = TokendJson.mapper().getFactory().createParser(json)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if ((token == JsonToken.FIELD_NAME || token == JsonToken.VALUE_STRING)
                        && parser.getText().indexOf('\0') >= 0) {
                    throw new NulInJsonException(path(parser));
                }
            }
        }
    }

    /** The dotted path of the current token: {@code token_name}, {@code allow_list[0].type}. */
    private static String path(JsonParser parser) {
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
        for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.addFirst("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                parts.addFirst("." + FieldNames.printable(c.getCurrentName()));
            }
        }
        String path = String.join("", parts);
        path = path.startsWith(".") ? path.substring(1) : path;
        return path.isEmpty() ? "(body)" : path;
    }

    /** Describes a decoding error by field and expected JSON type. */
    static String describe(JsonMappingException e) {
        String field = path(e);
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            String expected = jsonType(mismatch.getTargetType());
            return field.isEmpty()
                    ? "The request body must be a JSON " + expected + "."
                    : "Field \"" + field + "\" must be " + article(expected) + " " + expected + ".";
        }
        return field.isEmpty() ? "The request body has an invalid value." : "Field \"" + field + "\" has an invalid value.";
    }

    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(FieldNames.printable(ref.getFieldName()));
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    /** The JSON type a Java target type is read from. */
    static String jsonType(Class<?> type) {
        if (type == String.class || type == UUID.class || type.isEnum() || type == Character.class
                || type == char.class || Temporal.class.isAssignableFrom(type)) {
            return "string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        }
        if ((type.isPrimitive() && type != void.class) || Number.class.isAssignableFrom(type)) {
            return "number";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "array";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "object";
        }
        return "object";
    }

    private static String article(String type) {
        return type.startsWith("a") || type.startsWith("o") ? "an" : "a";
    }
}
