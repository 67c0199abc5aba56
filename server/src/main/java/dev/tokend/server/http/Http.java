package dev.tokend.server.http;

import dev.tokend.server.error.ApiError;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tokend.sdk.TokendJson;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;

/** Writing responses: JSON bodies with the shared mapper, and the few headers every answer carries. */
public final class Http {
    public static final HeaderName X_REQUEST_ID = HeaderNames.create("X-Request-Id");

    private Http() {}

    /** Writes {@code body} as JSON with {@code status}. */
    public static void json(ServerResponse res, int status, Object body) {
        byte[] bytes;
        try {
            bytes = TokendJson.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            // Our own records always serialise; failing here is a bug, reported as one.
            throw new IllegalStateException("cannot serialise response " + body.getClass().getName(), e);
        }
        res.status(Status.create(status));
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(bytes);
    }

    /** Writes a plain-text body (used only where the reference answers in text). */
    public static void text(ServerResponse res, int status, String text) {
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        res.send((text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Answers with no body. */
    public static void noContent(ServerResponse res) {
        res.status(Status.NO_CONTENT_204);
        res.send();
    }

    /** Writes an {@link ApiError}. */
    public static void error(ServerResponse res, ApiError error) {
        if (error.plainText()) {
            text(res, error.status(), error.body().message());
        } else {
            json(res, error.status(), error.body());
        }
    }
}
