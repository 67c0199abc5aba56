package dev.tokend.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonMappingException;
import dev.tokend.sdk.TokendJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JsonFieldsTest {
    record Entry(String type, String id) {}

    record Body(String tokenName, long lifetime, boolean flag, List<String> scopes, List<Entry> allowList,
            UUID userId, Instant at) {}

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"token_name\":\"a\\u0000b\"}|token_name",
            "{\"allow_list\":[{\"type\":\"x\"},{\"id\":\"\\u0000\"}]}|allow_list[1].id",
            "{\"scopes\":[\"ok\",\"\\u0000\"]}|scopes[1]",
            "{\"a\\u0000\":1}|a\\u0000",
            "[\"\\u0000\"]|[0]",
            "\"\\u0000\"|(body)",
    })
    void nulInAnyStringOrKeyIsRefusedNamingItsPath(String json, String field) {
        assertThatThrownBy(() -> JsonFields.refuseNul(utf8(json)))
                .isInstanceOfSatisfying(JsonFields.NulInJsonException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).contains("NUL");
                });
    }

    @Test
    void jsonWithoutNulPasses() {
        assertThatCode(() -> JsonFields.refuseNul(utf8("{\"a\":\"\\u0001 b\",\"c\":[1,true,null,{\"d\":\"e\"}]}")))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"token_name\":{}}|Field \"token_name\" must be a string.",
            "{\"token_name\":[1]}|Field \"token_name\" must be a string.",
            "{\"lifetime\":\"abc\"}|Field \"lifetime\" must be a number.",
            "{\"flag\":\"yes\"}|Field \"flag\" must be a boolean.",
            "{\"scopes\":5}|Field \"scopes\" must be an array.",
            "{\"scopes\":[{}]}|Field \"scopes[0]\" must be a string.",
            "{\"allow_list\":[{\"type\":[]}]}|Field \"allow_list[0].type\" must be a string.",
            "{\"allow_list\":[5]}|Field \"allow_list[0]\" must be an object.",
            "{\"user_id\":5}|Field \"user_id\" must be a string.",
            "[1]|The request body must be a JSON object.",
    })
    void typeErrorsNameTheFieldAndTheJsonTypeNeverAJavaClass(String json, String detail) {
        assertThatThrownBy(() -> TokendJson.mapper().readValue(json, Body.class))
                .isInstanceOfSatisfying(JsonMappingException.class, e -> {
                    String described = JsonFields.describe(e);
                    assertThat(described).isEqualTo(detail);
                    assertThat(described).doesNotContain("java.").doesNotContain("dev.tokend").doesNotContain("`");
                });
    }

    @Test
    void jsonTypesOfJavaTypes() {
        assertThat(JsonFields.jsonType(String.class)).isEqualTo("string");
        assertThat(JsonFields.jsonType(int.class)).isEqualTo("number");
        assertThat(JsonFields.jsonType(Long.class)).isEqualTo("number");
        assertThat(JsonFields.jsonType(Boolean.class)).isEqualTo("boolean");
        assertThat(JsonFields.jsonType(List.class)).isEqualTo("array");
        assertThat(JsonFields.jsonType(String[].class)).isEqualTo("array");
        assertThat(JsonFields.jsonType(Map.class)).isEqualTo("object");
        assertThat(JsonFields.jsonType(Body.class)).isEqualTo("object");
    }
}
