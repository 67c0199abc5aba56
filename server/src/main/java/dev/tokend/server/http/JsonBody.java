package dev.tokend.server.http;

import dev.tokend.server.error.ApiError;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.tokend.sdk.TokendJson;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.OptionalLong;

/**
 * Reads a JSON request body into a record, bounded in size.
 *
 * <p>A declared {@code Content-Length} over the limit is refused before a byte of the body is read;
 * a chunked body is read up to the limit plus one byte and then refused. Either way the answer is
 * 413 and no more than the limit is ever buffered.
 */
public final class JsonBody {
    /** 1 MiB: generous for every request this API accepts. */
    public static final int MAX_BYTES = 1 << 20;

    // NOTE: stable wire string; the form tests match on it.
    public static final String INVALID_FORM = "Request body must be a valid form.";

    private JsonBody() {}

    /**
     * Decodes the body as {@code type}; 400 {@code Request body must be valid JSON.} when it is not,
     * with a detail naming the field and the JSON type it needs (never a Java class), and 400
     * {@code Validation failed.} naming the field when a string or key holds a NUL character
     * (PostgreSQL cannot store one in text).
     */
    public static <T> T read(ServerRequest req, Class<T> type) {
        byte[] bytes = readBytes(req);
        if (bytes.length == 0) {
            throw ApiError.badRequest(ApiError.INVALID_JSON, "The request body is empty.");
        }
        T value;
        try {
            JsonFields.refuseNul(bytes);
            value = TokendJson.mapper().readValue(bytes, type);
        } catch (JsonFields.NulInJsonException e) {
            throw ApiError.of(400, ApiError.VALIDATION_FAILED, e.getMessage(),
                    java.util.List.of(new dev.tokend.sdk.model.ValidationError(e.field(), e.getMessage())));
        } catch (JsonMappingException e) {
            throw ApiError.badRequest(ApiError.INVALID_JSON, JsonFields.describe(e));
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest(ApiError.INVALID_JSON, describe(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (value == null) {
            throw ApiError.badRequest(ApiError.INVALID_JSON, "The request body must be a JSON object, not null.");
        }
        return value;
    }

    /**
     * Reads an {@code application/x-www-form-urlencoded} body (HTML forms) into a map of first values,
     * bounded like JSON bodies; 400 {@value #INVALID_FORM} naming the field when it is malformed.
     */
    public static java.util.Map<String, String> readForm(ServerRequest req) {
        java.util.Map<String, String> first = new java.util.HashMap<>();
        readFormValues(req).forEach((name, values) -> first.put(name, values.get(0)));
        return first;
    }

    /** Like {@link #readForm} with every value of repeated fields (checkbox groups), in order. */
    public static java.util.Map<String, java.util.List<String>> readFormValues(ServerRequest req) {
        String body = new String(readBytes(req), java.nio.charset.StandardCharsets.UTF_8);
        try {
            return FormParser.parseAll(body);
        } catch (FormParser.InvalidFormException e) {
            throw ApiError.of(400, INVALID_FORM, e.getMessage(),
                    java.util.List.of(new dev.tokend.sdk.model.ValidationError(e.field(), e.getMessage())));
        }
    }

    private static byte[] readBytes(ServerRequest req) {
        OptionalLong declared = req.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > MAX_BYTES) {
            throw tooLarge();
        }
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw ApiError.badRequest(ApiError.INVALID_JSON, "The request body could not be read.");
        }
    }

    private static ApiError tooLarge() {
        return ApiError.of(413, "Request body too large.",
                "The request body must not exceed " + MAX_BYTES + " bytes (1 MiB).");
    }

    /** Jackson's message without its source excerpt (which could echo a password back). */
    private static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null) {
            return "malformed JSON";
        }
        int newline = message.indexOf('\n');
        message = newline >= 0 ? message.substring(0, newline) : message;
        // Jackson quotes offending tokens; a mistyped password must not come back in a response or a log.
        message = message.replaceAll("'[^']*'", "'…'").replaceAll("\"[^\"]*\"", "\"…\"");
        return message;
    }
}
