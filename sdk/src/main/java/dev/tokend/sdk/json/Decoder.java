package dev.tokend.sdk.json;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.List;

/**
 * Reads one JSON value into a Java value with jackson-core's streaming parser. The parser stands on
 * the value's first token when {@link #read} is called and on its last token when it returns, as
 * Jackson's own deserializers do, so decoders nest.
 *
 * @param <T> the value read
 */
@FunctionalInterface
public interface Decoder<T> {
    /**
     * Reads the value at the parser's current token; JSON {@code null} gives {@code null} (or a
     * primitive's default).
     *
     * @throws com.fasterxml.jackson.core.JsonParseException when the value has another JSON type
     */
    T read(JsonParser p) throws IOException;

    /** A JSON array of {@code element} values, as an {@link java.util.ArrayList} (null elements kept). */
    static <T> Decoder<List<T>> listOf(Decoder<T> element) {
        return p -> JsonRead.list(p, element);
    }
}
