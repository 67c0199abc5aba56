package dev.tokend.server.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AllowListTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String A = "0b1e2f7c-8f1b-4c7e-9d8a-1a2b3c4d5e6f";
    private static final String B = "7d1e2f7c-8f1b-4c7e-9d8a-1a2b3c4d5e6f";

    /** Parses a JSON array and returns its elements, as a request body would give them. */
    private static List<JsonNode> json(String array) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(array).forEach(out::add);
        return out;
    }

    private static List<String> list(String spaceSeparated) {
        return spaceSeparated.isBlank() ? List.of() : Arrays.asList(spaceSeparated.split(" "));
    }

    @Test
    void parseWhenNullOrEmptyThenUnrestricted() {
        assertThat(AllowList.parse(null)).containsExactly("*:*");
        assertThat(AllowList.parse(List.of())).containsExactly("*:*");
    }

    @Test
    void parseWhenStringAndObjectFormsThenSameEntries() throws Exception {
        String body =
                "[\"api_key:" + A + "\", {\"type\": \"workspace\", \"id\": \"" + B + "\"}]";
        assertThat(AllowList.parse(json(body)))
                .containsExactly("api_key:" + A, "workspace:" + B);
    }

    @Test
    void parseWhenMixedCaseAndSpacesThenTrimmedAndLowerCased() throws Exception {
        String body =
                "[\" API_Key : " + A.toUpperCase() + " \", {\"type\": \" User \", \"id\": \" * \"}]";
        assertThat(AllowList.parse(json(body))).containsExactly("api_key:" + A, "user:*");
    }

    @Test
    void parseWhenDoubleWildcardPresentThenOnlyDoubleWildcard() throws Exception {
        String body = "[\"api_key:" + A + "\", \"*:*\", \"user:*\"]";
        assertThat(AllowList.parse(json(body))).containsExactly("*:*");
    }

    @Test
    void parseWhenTypeWildcardPresentThenThatTypesIdsRemoved() throws Exception {
        String body =
                "[\"workspace:" + B + "\", \"workspace:*\", \"user:" + A + "\", \"workspace:" + A
                        + "\", \"*:" + B + "\"]";
        assertThat(AllowList.parse(json(body)))
                .containsExactly("*:" + B, "user:" + A, "workspace:*");
    }

    @Test
    void parseWhenDuplicatesAndUnsortedThenDedupedAndSortedByTypeThenId() throws Exception {
        String body =
                "[\"user:" + B + "\", \"api_key:" + B + "\", \"user:" + A + "\", \"USER:" + B
                        + "\", {\"type\":\"api_key\",\"id\":\"" + A + "\"}]";
        assertThat(AllowList.parse(json(body)))
                .containsExactly("api_key:" + A, "api_key:" + B, "user:" + A, "user:" + B);
    }

    @Test
    void parseWhenWildcardTypeWithIdThenKept() throws Exception {
        assertThat(AllowList.parse(json("[\"*:" + A + "\"]"))).containsExactly("*:" + A);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            textBlock =
                    """
                    "api_key"                          | invalid allow_list entry "api_key": want <type>:<id>
                    "api_key:"                         | invalid allow_list entry "api_key:": want <type>:<id>
                    ":*"                               | invalid allow_list entry ":*": want <type>:<id>
                    " : "                              | invalid allow_list entry " : ": want <type>:<id>
                    "a:b:c"                            | invalid allow_list entry "a:b:c": want <type>:<id>
                    ""                                 | invalid allow_list entry "": want <type>:<id>
                    "frobnicator:*"                    | unknown resource type "frobnicator"
                    " Frob :*"                         | unknown resource type "frob"
                    "api_key:abc"                      | invalid api_key ID (must be UUID): "abc"
                    "*:abc"                            | invalid * ID (must be UUID): "abc"
                    "user:1-2-3-4-5"                   | invalid user ID (must be UUID): "1-2-3-4-5"
                    "user:0b1e2f7c8f1b4c7e9d8a1a2b3c4d5e6f" | invalid user ID (must be UUID): "0b1e2f7c8f1b4c7e9d8a1a2b3c4d5e6f"
                    {"type": "user"}                   | allow_list entry must include both type and id
                    {"id": "*"}                        | allow_list entry must include both type and id
                    {"type": "", "id": "*"}            | allow_list entry must include both type and id
                    {"type": "user", "id": "  "}       | allow_list entry must include both type and id
                    {"type": "user", "id": 5}          | allow_list entry must include both type and id
                    {"type": "nope", "id": "*"}        | unknown resource type "nope"
                    {"type": "user", "id": "x"}        | invalid user ID (must be UUID): "x"
                    5                                  | invalid allow_list entry "5": want <type>:<id>
                    null                               | invalid allow_list entry "null": want <type>:<id>
                    ["user", "*"]                      | invalid allow_list entry "["user","*"]": want <type>:<id>
                    """)
    void parseWhenEntryInvalidThenWireMessage(String element, String message) throws Exception {
        assertThatThrownBy(() -> AllowList.parse(json("[\"*:*\", " + element + "]")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void parseWhenJavaNullElementThenRejected() {
        List<JsonNode> raw = new ArrayList<>();
        raw.add(null);
        assertThatThrownBy(() -> AllowList.parse(raw))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid allow_list entry \"null\": want <type>:<id>");
    }

    @Test
    void parseWhenExactly128EntriesThenAccepted() {
        List<JsonNode> raw = entries(128);
        assertThat(AllowList.parse(raw)).hasSize(128);
    }

    @Test
    void parseWhenMoreThan128EntriesThenRejectedEvenIfDuplicates() {
        List<JsonNode> raw = new ArrayList<>(entries(128));
        raw.add(JSON.getNodeFactory().textNode("*:*"));
        assertThatThrownBy(() -> AllowList.parse(raw))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("allow_list has 129 entries; max allowed is 128");
    }

    private static List<JsonNode> entries(int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> new UUID(0x1234L, i).toString())
                .map(id -> (JsonNode) JSON.getNodeFactory().textNode("user:" + id))
                .toList();
    }

    @ParameterizedTest(name = "[{0}] permits {1}:{2} -> {3}")
    @CsvSource(
            quoteCharacter = '\'',
            textBlock =
                    """
                    *:*,                 api_key, abc,  true
                    api_key:*,           api_key, abc,  true
                    api_key:*,           user,    A,    false
                    user:A,              user,    A,    true
                    user:A,              user,    B,    false
                    user:A,              api_key, A,    false
                    *:A,                 user,    A,    true
                    *:A,                 workspace, A,  true
                    *:A,                 user,    B,    false
                    user:B workspace:*,  workspace, A,  true
                    user:B workspace:*,  user,    B,    true
                    user:B workspace:*,  user,    A,    false
                    user:A,              USER,    A,    true
                    user:*,              user,    '',   true
                    user:A,              user,    '',   false
                    '',                  user,    A,    false
                    """)
    void permitsWhenObjectCheckedThenMatchesWildcardsOrExact(
            String allowList, String type, String id, boolean expected) {
        assertThat(AllowList.permits(ids(list(allowList)), type, id(id))).isEqualTo(expected);
    }

    @Test
    void permitsWhenUpperCaseObjectIdThenMatchesStoredLowerCase() {
        assertThat(AllowList.permits(List.of("user:" + A), "user", A.toUpperCase())).isTrue();
    }

    @Test
    void permitsWhenListNullThenNothing() {
        assertThat(AllowList.permits(null, "user", A)).isFalse();
    }

    @ParameterizedTest(name = "[{0}] covers [{1}] -> {2}")
    @CsvSource(
            quoteCharacter = '\'',
            textBlock =
                    """
                    *:*,                  *:*,                     true
                    *:*,                  user:* api_key:A *:B,    true
                    user:*,               user:*,                  true
                    user:*,               user:A user:B,           true
                    user:*,               *:*,                     false
                    user:*,               api_key:A,               false
                    user:*,               *:A,                     false
                    user:A,               user:A,                  true
                    user:A,               user:*,                  false
                    user:A,               user:B,                  false
                    user:A user:B,        user:B,                  true
                    *:A,                  user:A,                  true
                    *:A,                  workspace:A *:A,         true
                    *:A,                  user:B,                  false
                    *:A,                  user:*,                  false
                    *:A,                  *:*,                     false
                    user:A,               *:A,                     false
                    '',                   user:A,                  false
                    *:*,                  '',                      true
                    user:*,               '',                      false
                    """)
    void coversWhenInnerComparedWithOuterThenNoWidening(
            String outer, String inner, boolean expected) {
        assertThat(AllowList.covers(ids(list(outer)), ids(list(inner)))).isEqualTo(expected);
    }

    @Test
    void coversWhenInnerNullThenReadAsUnrestricted() {
        assertThat(AllowList.covers(List.of("*:*"), null)).isTrue();
        assertThat(AllowList.covers(List.of("user:*"), null)).isFalse();
    }

    @Test
    void entryOfWhenStoredFormThenSplitAndRoundTrips() {
        AllowList.Entry entry = AllowList.Entry.of("user:" + A);
        assertThat(entry.type()).isEqualTo("user");
        assertThat(entry.id()).isEqualTo(A);
        assertThat(entry.asString()).isEqualTo("user:" + A);
        assertThat(AllowList.entries(List.of("*:*", "user:" + A)))
                .containsExactly(new AllowList.Entry("*", "*"), entry);
    }

    @Test
    void entryWhenSerialisedThenApiShape() throws Exception {
        assertThat(JSON.writeValueAsString(AllowList.Entry.of("user:*")))
                .isEqualTo("{\"type\":\"user\",\"id\":\"*\"}");
    }

    @Test
    void entryOfWhenMalformedThenRejected() {
        assertThatThrownBy(() -> AllowList.Entry.of("user"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AllowList.Entry.of("a:b:c"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AllowList.Entry.of(":b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Replaces the placeholders A and B in table rows with real UUIDs. */
    private static List<String> ids(List<String> entries) {
        return entries.stream().map(e -> e.replace(":A", ":" + A).replace(":B", ":" + B)).toList();
    }

    private static String id(String placeholder) {
        return switch (placeholder) {
            case "A" -> A;
            case "B" -> B;
            default -> placeholder;
        };
    }
}
