package dev.tokend.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokend.server.error.ApiError;
import io.helidon.common.parameters.Parameters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterGuardTest {
    private static Parameters params(String component, Map<String, List<String>> values) {
        return Parameters.create(component, values);
    }

    private static final Parameters NONE = Parameters.empty("none");

    @Test
    void plainParametersPass() {
        assertThat(ParameterGuard.firstProblem(params("path", Map.of("user", List.of("me"), "keyname", List.of("ci bot"))),
                params("query", Map.of("q", List.of("status:active\tx"))))).isEmpty();
    }

    @Test
    void controlCharacterInAPathParameterIsRefusedNamingIt() {
        for (String value : List.of("a\u0000b", "a\nb", "\t", "x\u007f")) {
            ApiError e = ParameterGuard.firstProblem(params("path", Map.of("keyname", List.of(value))), NONE)
                    .orElseThrow();
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.body().message()).isEqualTo(ParameterGuard.INVALID_PATH);
            assertThat(e.body().detail()).contains("\"keyname\"");
            assertThat(e.body().validations()).singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("keyname"));
        }
    }

    @Test
    void nulInAQueryValueOrNameIsRefusedNamingIt() {
        ApiError value = ParameterGuard.firstProblem(NONE, params("query", Map.of("q", List.of("ok", "a\u0000")))).orElseThrow();
        assertThat(value.body().message()).isEqualTo(QueryParams.INVALID);
        assertThat(value.body().detail()).contains("\"q\"").contains("NUL");
        ApiError name = ParameterGuard.firstProblem(NONE, params("query", Map.of("a\u0000", List.of("x")))).orElseThrow();
        assertThat(name.body().detail()).contains("a\\u0000").doesNotContain("\u0000");
    }

    @Test
    void otherControlsInQueryValuesAreData() {
        assertThat(ParameterGuard.firstProblem(NONE, params("query", Map.of("q", List.of("a\nb\tc"))))).isEmpty();
    }
}
