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

    /**
     * Most rows one list page returns ({@code GET /users}, {@code GET /audit}). The reference reads
     * {@code limit=0} (or none) as "every row", which lets one request read a whole table.
     */
    public static final long MAX_PAGE_LIMIT = 1000;

    /**
     * A page size: like {@link #nonNegative}, but 0 or absent means {@value #MAX_PAGE_LIMIT} (the
     * closest we come to the reference's "no limit") and anything larger is cut to it rather than
     * refused, so reference clients that ask for "everything" still work; the response's
     * {@code count} tells them the total, and {@code offset} pages on.
     */
    public static long pageLimit(ServerRequest req, String name) {
        long requested = nonNegative(req, name);
        return requested == 0 ? MAX_PAGE_LIMIT : Math.min(requested, MAX_PAGE_LIMIT);
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
