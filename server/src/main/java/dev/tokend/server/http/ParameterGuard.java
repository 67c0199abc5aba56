package dev.tokend.server.http;

import dev.tokend.sdk.model.ValidationError;
import dev.tokend.server.error.ApiError;
import io.helidon.common.parameters.Parameters;
import java.util.List;
import java.util.Optional;

/**
 * Refuses control characters in decoded path parameters and NUL in decoded query names and values,
 * before any handler sees them: PostgreSQL cannot store or compare a NUL in text (a 500 before
 * this), and no name, id or username tokend knows contains a control character. Run once per routed
 * request by {@link RouteTable}.
 *
 * <p>Query values may hold other controls (a search for a tab is harmless data); path parameters
 * may not, since they name things that are themselves free of controls.
 */
public final class ParameterGuard {
    // NOTE: stable wire strings; the tests match on them.
    public static final String INVALID_PATH = "Path parameters have invalid values.";

    private ParameterGuard() {}

    /** 400 naming the first offending parameter, if any. */
    static void check(Parameters pathParameters, Parameters query) {
        firstProblem(pathParameters, query).ifPresent(e -> {
            throw e;
        });
    }

    static Optional<ApiError> firstProblem(Parameters pathParameters, Parameters query) {
        for (String name : pathParameters.names()) {
            for (String value : pathParameters.all(name)) {
                if (hasControl(value)) {
                    return Optional.of(invalid(INVALID_PATH, name,
                            "Path parameter \"" + name + "\" must not contain control characters."));
                }
            }
        }
        for (String name : query.names()) {
            String shown = FieldNames.printable(name);
            if (name.indexOf('\0') >= 0) {
                return Optional.of(invalid(QueryParams.INVALID, shown,
                        "Query parameter name \"" + shown + "\" must not contain a NUL character."));
            }
            for (String value : query.all(name)) {
                if (value.indexOf('\0') >= 0) {
                    return Optional.of(invalid(QueryParams.INVALID, shown,
                            "Query param \"" + shown + "\" must not contain a NUL character."));
                }
            }
        }
        return Optional.empty();
    }

    /** C0 controls and DEL. */
    static boolean hasControl(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    private static ApiError invalid(String message, String field, String detail) {
        return ApiError.of(400, message, detail, List.of(new ValidationError(field, detail)));
    }
}
