package dev.tokend.sdk.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokend.sdk.TokendJson;
import dev.tokend.sdk.model.ApiKey;
import dev.tokend.sdk.model.ApiKeyWithOwner;
import dev.tokend.sdk.model.AuditDiffField;
import dev.tokend.sdk.model.AuditLog;
import dev.tokend.sdk.model.Response;
import dev.tokend.sdk.model.User;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Input the codecs refuse, each case also refused by {@link TokendJson#mapper()} (so the codecs are
 * not stricter than the server's JSON there), and input that is odd but is data.
 */
class WireJsonBadInputTest {
    private static final ObjectMapper DATABIND = TokendJson.mapper();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            User             | {"username": 1}                       | expected a string at /username, not the number 1
            User             | {"username": true}                    | expected a string at /username, not the boolean true
            User             | {"username": {"a": 1}}                | expected a string at /username, not an object
            User             | {"username": ["a"]}                   | expected a string at /username, not an array
            User             | {"id": 5}                             | expected a string at /id, not the number 5
            User             | {"id": "1-1-1-1-1"}                   | expected a UUID at /id, not "1-1-1-1-1"
            User             | {"created_at": "yesterday"}           | expected an RFC 3339 time at /created_at
            User             | {"created_at": ""}                    | expected an RFC 3339 time at /created_at
            User             | {"created_at": true}                  | expected a string at /created_at
            User             | {"roles": ""}                         | expected an array at /roles, not the string ""
            User             | {"roles": {}}                         | expected an array at /roles, not an object
            User             | {"roles": [{"name": 7}]}              | expected a string at /roles/0/name, not the number 7
            User             | {"organization_ids": [null, 1]}       | expected a string at /organization_ids/1
            User             | []                                    | expected an object at the top level, not an array
            User             | `""`                                  | expected an object at the top level, not the string ""
            User             | 1                                     | expected an object at the top level, not the number 1
            GetUsersResponse | {"users": [{"id": 5}]}                | expected a string at /users/0/id
            GetUsersResponse | {"count": 1.5}                        | expected an integer at /count, not the number 1.5
            GetUsersResponse | {"count": "1"}                        | expected an integer at /count, not the string "1"
            GetUsersResponse | {"count": 99999999999999999999}       | out of range of long
            AuditLog         | {"status_code": 3000000000}           | out of range of int
            AuditLog         | {"status_code": 1e2}                  | expected an integer at /status_code, not the number 1e2
            AuditLog         | {"is_deleted": "true"}                | expected a boolean at /is_deleted, not the string "true"
            AuditLog         | {"is_deleted": 1}                     | expected a boolean at /is_deleted, not the number 1
            AuditLog         | {"user": []}                          | expected an object at /user, not an array
            AuditLog         | {"additional_fields": []}             | expected an object at /additional_fields
            AuditLog         | {"diff": {"name": 1}}                 | expected an object at /diff/name, not the number 1
            CreateFirstUserRequest | {"trial": "yes"}                | expected a boolean at /trial
            ApiKey           | {"allow_list": [{"type": "user"}]}    | allow_list entry at /allow_list/0 has no id
            ApiKey           | {"allow_list": ["user:*"]}            | expected an object at /allow_list/0, not the string "user:*"
            ApiKey           | {"scopes": "all"}                     | expected an array at /scopes
            ApiKey           | {} {}                                 | more JSON after the value
            ApiKey           | {"id": "a"} x                         | Unrecognized token 'x'
            ApiKey           | {"id": "a"}]                          | Unexpected close marker
            ApiKey           | {"id": "a"                            | end-of-input
            ApiKey           | {"id": }                              | Unexpected character
            ApiKey           | {'id': 'a'}                           | Unexpected character
            ApiKey           | `   `                                 | no JSON value
            """)
    void badInputFailsWithAClearMessageAsItDoesWithDatabind(String record, String json, String message) {
        Class<?> type = load(record);
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> DATABIND.readValue(bytes, type)).isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> WireJson.decode(bytes, Codecs.of(type).decoder()))
                .isInstanceOf(JacksonException.class)
                .hasMessageContaining(message);
    }

    @Test
    void anEmptyDocumentIsNoValue() {
        assertThatThrownBy(() -> WireJson.decode(new byte[0], UserJson::readUser))
                .isInstanceOf(JacksonException.class)
                .hasMessageContaining("no JSON value");
    }

    @Test
    void aRawControlCharacterInAStringIsNotJsonButAnEscapedNulIsData() throws IOException {
        byte[] raw = "{\"username\": \"a\u0000b\"}".getBytes(StandardCharsets.UTF_8);
        byte[] escaped = "{\"username\": \"a\\u0000b\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> DATABIND.readValue(raw, User.class)).isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> WireJson.decode(raw, UserJson::readUser))
                .isInstanceOf(JacksonException.class)
                .hasMessageContaining("Illegal unquoted character");
        User decoded = WireJson.decode(escaped, UserJson::readUser);
        assertThat(decoded.username()).isEqualTo("a\u0000b");
        assertThat(new String(WireJson.encode(decoded, UserJson::write), StandardCharsets.UTF_8))
                .contains("\"username\":\"a\\u0000b\"");
    }

    @Test
    void aHugeStringIsData() throws IOException {
        String huge = "x".repeat(5_000_000) + "é";
        byte[] json = WireJson.encode(Response.message(huge), CommonJson::write);

        assertThat(WireJson.decode(json, CommonJson::readResponse).message()).isEqualTo(huge);
        assertThat(DATABIND.readValue(json, Response.class).message()).isEqualTo(huge);
    }

    @Test
    void unknownFieldsOfAnyShapeAreSkippedAndARepeatedFieldKeepsTheLastValue() throws IOException {
        byte[] json = """
                {"future": {"nested": [1, {"deep": [[]]}], "x": null}, "username": "first", "list": [{}, []],
                 "username": "second", "roles": [{"name": "owner", "unknown": {"a": [1]}}]}
                """.getBytes(StandardCharsets.UTF_8);

        User decoded = WireJson.decode(json, UserJson::readUser);

        assertThat(decoded).isEqualTo(DATABIND.readValue(json, User.class));
        assertThat(decoded.username()).isEqualTo("second");
        assertThat(decoded.roles()).singleElement().satisfies(role -> assertThat(role.name()).isEqualTo("owner"));
    }

    @Test
    void aPlainKeySkipsAUsernameAsAnUnknownFieldWhileAListedKeyReadsIt() throws IOException {
        byte[] json = "{\"id\": \"a\", \"username\": 5}".getBytes(StandardCharsets.UTF_8);

        assertThat(WireJson.decode(json, ApiKeyJson::readApiKey)).isEqualTo(DATABIND.readValue(json, ApiKey.class));
        assertThatThrownBy(() -> DATABIND.readValue(json, ApiKeyWithOwner.class)).isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> WireJson.decode(json, ApiKeyJson::readApiKeyWithOwner))
                .hasMessageContaining("expected a string at /username, not the number 5");
    }

    @Test
    void missingFieldsAndNullsGiveNullsAndPrimitiveDefaults() throws IOException {
        byte[] json = "{\"status_code\": null, \"is_deleted\": null, \"diff\": {\"name\": null}}"
                .getBytes(StandardCharsets.UTF_8);

        AuditLog decoded = WireJson.decode(json, AuditJson::readAuditLog);

        assertThat(decoded).isEqualTo(DATABIND.readValue(json, AuditLog.class));
        assertThat(decoded.statusCode()).isZero();
        assertThat(decoded.id()).isNull();
        assertThat(decoded.diff()).containsEntry("name", null);
        assertThat(WireJson.decode("null".getBytes(StandardCharsets.UTF_8), UserJson::readUser)).isNull();
    }

    @Test
    void timesInAnotherOffsetOrPrecisionAreReadAsDatabindReadsThem() throws IOException {
        for (String time : List.of("2026-01-02T03:04:05+01:00", "2026-01-02T03:04:05.1Z",
                "2026-01-02T03:04:05.123456789Z")) {
            byte[] json = ("{\"created_at\": \"" + time + "\"}").getBytes(StandardCharsets.UTF_8);

            Instant decoded = WireJson.decode(json, UserJson::readUser).createdAt();

            assertThat(decoded).as(time).isEqualTo(DATABIND.readValue(json, User.class).createdAt());
        }
    }

    @Test
    void untypedValuesThatAreNotPlainJsonCannotBeWritten() {
        AuditDiffField diff = new AuditDiffField(UUID.randomUUID(), null, false);
        AuditDiffField badKey = new AuditDiffField(Map.of(1, "one"), null, false);

        assertThatThrownBy(() -> WireJson.encode(diff, AuditJson::write))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot write a java.util.UUID as plain JSON");
        assertThatThrownBy(() -> WireJson.encode(badKey, AuditJson::write))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keys are strings");
    }

    @Test
    void listsOfRecordsReadAndWriteAsArrays() throws IOException {
        byte[] json = "[{\"id\": \"a\"}, null, {\"id\": \"b\"}]".getBytes(StandardCharsets.UTF_8);

        List<ApiKey> keys = WireJson.decode(json, Decoder.listOf(ApiKeyJson::readApiKey));

        assertThat(keys).extracting(key -> key == null ? null : key.id()).containsExactly("a", null, "b");
        assertThat(new String(WireJson.encode(keys, Encoder.listOf(ApiKeyJson::write)), StandardCharsets.UTF_8))
                .isEqualTo(DATABIND.writeValueAsString(keys));
    }

    private static Class<?> load(String simpleName) {
        try {
            return Class.forName(User.class.getPackageName() + "." + simpleName);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }
}
