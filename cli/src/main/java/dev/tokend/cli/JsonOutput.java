package dev.tokend.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.tokend.sdk.json.Encoder;
import dev.tokend.sdk.json.WireJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * {@code -o json}: the SDK's records through the SDK's streaming codecs ({@code dev.tokend.sdk.json}),
 * pretty-printed as Jackson's {@code DefaultPrettyPrinter} does, so the fields and their names are
 * exactly the API's (snake_case, RFC 3339 times) and stay stable across releases. Not databind:
 * building an {@code ObjectMapper} would cost a command more than its request.
 */
final class JsonOutput {
    private JsonOutput() {}

    /** {@code {"message": sentence}}, the API's shape for an answer that is only a sentence. */
    static void message(PrintWriter out, String sentence) {
        strings(out, "message", sentence);
    }

    /** An object of string fields in the order given: name, value, name, value... (a value may be null). */
    static void strings(PrintWriter out, String... namesAndValues) {
        print(out, namesAndValues, (g, fields) -> {
            g.writeStartObject();
            for (int i = 0; i < fields.length; i += 2) {
                g.writeStringField(fields[i], fields[i + 1]);
            }
            g.writeEndObject();
        });
    }

    static <T> void print(PrintWriter out, T value, Encoder<? super T> encoder) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = WireJson.factory().createGenerator(text)) {
            g.useDefaultPrettyPrinter();
            encoder.write(g, value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the answer as JSON: " + e.getMessage(), e);
        }
        out.println(text);
        out.flush();
    }
}
