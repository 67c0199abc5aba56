package dev.tokend.server.http;

import dev.tokend.server.error.ApiError;

import dev.tokend.sdk.model.ValidationError;
import io.helidon.webserver.http.ServerRequest;
import java.util.List;
import java.util.Locale;

/**
 * Typed query parameters. A bad value is 400 {@code Query parameters have invalid values.} with a
 * validation naming the parameter (reference §2.0).
 */
public final class QueryParams {
    // NOTE: stable wire string (reference §2.0).
    public static final String INVALID = "Query parameters have invalid values.";

    private QueryParams() {}

    /** A non-negative integer; absent or empty is 0. */
    public static long nonNegative(ServerRequest req, String name) {
        String raw = req.query().first(name).orElse("");
        if (raw.isEmpty()) {
            return 0;
        }
        try {
            long value = Long.parseLong(raw);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below, with the parameter's name
        }
        throw invalid(name, "Query param \"" + name + "\" must be a valid non-negative integer (" + raw + ")");
    }

    /** A boolean as Go's strconv.ParseBool reads it; absent or empty is false. */
    public static boolean bool(ServerRequest req, String name) {
        String raw = req.query().first(name).orElse("");
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "", "false", "0", "f" -> false;
            case "true", "1", "t" -> true;
            default -> throw invalid(name, "Query param \"" + name + "\" must be a valid boolean (" + raw + ")");
        };
    }

    private static ApiError invalid(String name, String detail) {
        return ApiError.validation(INVALID, List.of(new ValidationError(name, detail)));
    }
}
