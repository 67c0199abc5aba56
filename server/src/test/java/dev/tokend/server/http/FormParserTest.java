package dev.tokend.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormParserTest {

    @Test
    void pairsAreDecodedAndTheFirstValueWins() {
        Map<String, String> form = FormParser.parse("email=a%40b.example&password=p+w%21&email=second&flag&=x&&");
        assertThat(form).containsEntry("email", "a@b.example").containsEntry("password", "p w!")
                .containsEntry("flag", "").containsEntry("", "x").hasSize(4);
    }

    @Test
    void emptyBodyIsAnEmptyForm() {
        assertThat(FormParser.parse("")).isEmpty();
    }

    @Test
    void utf8EscapesDecode() {
        assertThat(FormParser.parse("name=%C3%BC%E2%82%AC")).containsEntry("name", "ü€");
    }

    @Test
    void valueMayContainEqualsSigns() {
        assertThat(FormParser.parse("redirect=/x?a=b")).containsEntry("redirect", "/x?a=b");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "email=%zz|email",
            "email=%|email",
            "email=abc%4|email",
            "password=ok&email=%g0|email",
            "%zz=value|(field name)",
    })
    void malformedPercentEncodingNamesTheField(String body, String field) {
        assertThatThrownBy(() -> FormParser.parse(body))
                .isInstanceOfSatisfying(FormParser.InvalidFormException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).contains("\"" + field + "\"").contains("percent-encoding");
                });
    }

    @Test
    void nulCharacterIsRefusedNamingTheField() {
        assertThatThrownBy(() -> FormParser.parse("email=a%00b"))
                .isInstanceOfSatisfying(FormParser.InvalidFormException.class, e -> {
                    assertThat(e.field()).isEqualTo("email");
                    assertThat(e.getMessage()).contains("NUL");
                });
    }

    @Test
    void messageEscapesControlCharactersOfAFieldName() {
        assertThatThrownBy(() -> FormParser.parse("a%0Ab=%zz"))
                .isInstanceOfSatisfying(FormParser.InvalidFormException.class,
                        e -> assertThat(e.getMessage()).contains("a\\u000ab").doesNotContain("\n"));
    }
}
