package dev.tokend.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tokend.sdk.TokendJson;
import java.io.PrintWriter;

/**
 * {@code -o json}: the SDK's records through the SDK's mapper, pretty-printed, so the fields and
 * their names are exactly the API's (snake_case, RFC 3339 times) and stay stable across releases.
 */
final class JsonOutput {
    private JsonOutput() {}

    /** {@code {"message": sentence}}, the API's shape for an answer that is only a sentence. */
    static void message(PrintWriter out, String sentence) {
        print(out, TokendJson.mapper().createObjectNode().put("message", sentence));
    }

    static void print(PrintWriter out, Object value) {
        try {
            out.println(TokendJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the answer as JSON: " + e.getOriginalMessage(), e);
        }
        out.flush();
    }
}
