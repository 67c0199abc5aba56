package dev.tokend.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tokend.sdk.TokendJson;
import dev.tokend.sdk.model.Response;
import dev.tokend.server.error.ApiError;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Answers the errors Helidon raises before routing (a request line or header it cannot parse, a
 * URI or header section over its limits, an unsupported HTTP version) as the same
 * {@code {message, detail}} JSON every other error uses, instead of Helidon's empty or HTML body.
 * Installed for every {@link DirectHandler.EventType} by {@link #all()}.
 *
 * <p>Helidon calls this on its socket thread and the handler must not block: it only formats bytes.
 * The detail never echoes the request (which may carry a credential in a header).
 */
public final class JsonDirectHandler implements DirectHandler {
    private static final JsonDirectHandler INSTANCE = new JsonDirectHandler();

    private JsonDirectHandler() {}

    /** Direct handlers for every event type, for {@code WebServer.builder().directHandlers(…)}. */
    public static DirectHandlers all() {
        DirectHandlers.Builder handlers = DirectHandlers.builder();
        for (EventType type : EventType.values()) {
            handlers.addHandler(type, INSTANCE);
        }
        return handlers.build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
            ServerResponseHeaders headers, String message) {
        headers.set(HeaderNames.CONTENT_TYPE, "application/json");
        headers.set(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        return TransportResponse.builder()
                .status(status)
                .headers(headers)
                .entity(bytes(body(status.code())))
                .build();
    }

    /** The JSON body for a protocol-level error with {@code status}. */
    static Response body(int status) {
        return switch (status) {
            case 400 -> new Response("Bad request.",
                    "The request is not valid HTTP/1.1: a malformed request line or header field.", List.of());
            case 413 -> new Response("Request body too large.", "The request body is larger than the server accepts.",
                    List.of());
            case 414 -> new Response("Request URI too long.",
                    "The request line (method, path and query) is longer than the server accepts.", List.of());
            case 431 -> new Response("Request header fields too large.",
                    "The request's header fields are larger than the server accepts.", List.of());
            case 505 -> new Response("HTTP version not supported.", "Use HTTP/1.1.", List.of());
            case 500 -> new Response(ApiError.INTERNAL, null, List.of());
            default -> {
                String reason = Status.create(status).reasonPhrase();
                yield new Response(reason + ".", "The request could not be processed (" + status + ").", List.of());
            }
        };
    }

    private static byte[] bytes(Response body) {
        try {
            return TokendJson.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            // A record of three strings always serialises; this cannot happen.
            return ("{\"message\":\"" + body.message() + "\"}").getBytes(StandardCharsets.UTF_8);
        }
    }
}
