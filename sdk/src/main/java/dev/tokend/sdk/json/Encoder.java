package dev.tokend.sdk.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/**
 * Writes one Java value as one JSON value with jackson-core's streaming generator.
 *
 * @param <T> the value written
 */
@FunctionalInterface
public interface Encoder<T> {
    /** Writes {@code value}, which is not null (the callers write JSON {@code null} themselves). */
    void write(JsonGenerator g, T value) throws IOException;

    /** A JSON array of {@code element} values; a null element is written as JSON {@code null}. */
    static <T> Encoder<List<T>> listOf(Encoder<? super T> element) {
        return (g, values) -> JsonWrite.array(g, values, element);
    }
}
