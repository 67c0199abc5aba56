package dev.tokend.sdk.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Whole JSON documents through a {@link Decoder} or an {@link Encoder}, on one shared
 * {@link JsonFactory} with jackson-core's defaults (those of {@code TokendJson}'s mapper).
 */
public final class WireJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private WireJson() {}

    /** The shared, thread-safe factory, for callers that make their own parser or generator. */
    public static JsonFactory factory() {
        return FACTORY;
    }

    /**
     * Reads the one JSON value {@code json} holds. As {@code TokendJson}'s mapper (which enables
     * {@code FAIL_ON_TRAILING_TOKENS}), anything after the value fails, and so does a document
     * without a value (empty or blank).
     *
     * @return the value, null for a document that is {@code null}
     * @throws com.fasterxml.jackson.core.JacksonException when the document is not JSON or does not
     *     have the shape {@code decoder} reads
     */
    public static <T> T decode(byte[] json, Decoder<T> decoder) throws IOException {
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() == null) {
                throw new JsonParseException(p, "no JSON value (the document is empty or blank)");
            }
            T value = decoder.read(p);
            JsonToken trailing = p.nextToken();
            if (trailing != null) {
                throw new JsonParseException(p, "more JSON after the value (" + trailing + ")");
            }
            return value;
        }
    }

    /** {@code value} (not null) as UTF-8 JSON without whitespace, as databind's {@code writeValueAsBytes}. */
    public static <T> byte[] encode(T value, Encoder<? super T> encoder) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(bytes)) {
            encoder.write(g, value);
        }
        return bytes.toByteArray();
    }
}
