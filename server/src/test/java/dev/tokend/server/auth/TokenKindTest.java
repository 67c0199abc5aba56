package dev.tokend.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenKindTest {

    @ParameterizedTest(name = "{0} has prefix {1}")
    @CsvSource({
        "SESSION,        tkds_",
        "API_TOKEN,      tkdt_",
        "OAUTH2_ACCESS,  tkda_",
        "OAUTH2_REFRESH, tkdr_",
    })
    void prefixWhenKindGivenThenIsFamilyLetterAndSeparator(TokenKind kind, String prefix) {
        assertThat(kind.prefix()).isEqualTo(prefix);
        assertThat(TokenKind.fromLetter(kind.letter())).contains(kind);
    }

    @ParameterizedTest(name = "letter {0}")
    @CsvSource({"x", "S", "T", "_", "0"})
    void fromLetterWhenUnknownThenEmpty(char letter) {
        assertThat(TokenKind.fromLetter(letter)).isEmpty();
    }
}
