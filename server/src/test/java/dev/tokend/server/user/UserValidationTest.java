package dev.tokend.server.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UserValidationTest {

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(
            quoteCharacter = '\'',
            textBlock =
                    """
                    a,                                 true
                    admin,                             true
                    Admin,                             true
                    user123,                           true
                    123,                               true
                    first-last,                        true
                    a-b-c-d,                           true
                    abcdefghijklmnopqrstuvwxyz012345,  true
                    abcdefghijklmnopqrstuvwxyz0123456, false
                    '',                                false
                    -admin,                            false
                    admin-,                            false
                    first--last,                       false
                    -,                                 false
                    first_last,                        false
                    first.last,                        false
                    'first last',                      false
                    user@host,                         false
                    jöhn,                              false
                    ａｄｍｉｎ,                          false
                    """)
    void validUsernameWhenCheckedThenFollowsCoderRule(String username, boolean expected) {
        assertThat(UserValidation.validUsername(username)).isEqualTo(expected);
    }

    @Test
    void validUsernameWhenTrailingNewlineThenRejected() {
        // Regex "$" can match before a final line terminator; the check must not.
        assertThat(UserValidation.validUsername("admin\n")).isFalse();
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(
            quoteCharacter = '\'',
            textBlock =
                    """
                    admin@coder.com,                true
                    a@b,                            true
                    user@localhost,                 true
                    first.last@example.com,         true
                    user+tag@example.com,           true
                    o'brien@example.ie,             true
                    x_y-z@sub.example.co.uk,        true
                    !#$%&'*+-/=?^_`{|}~@example.com, true
                    user@-example.com,              true
                    jöhn@exämple.de,                true
                    用户@例子.广告,                   true
                    ADMIN@CODER.COM,                true
                    '',                             false
                    admin,                          false
                    @example.com,                   false
                    admin@,                         false
                    admin@@example.com,             false
                    a@b@example.com,                false
                    .admin@example.com,             false
                    admin.@example.com,             false
                    ad..min@example.com,            false
                    admin@.example.com,             false
                    admin@example.com.,             false
                    admin@example..com,             false
                    'ad min@example.com',           false
                    ' admin@example.com',           false
                    'admin@example.com ',           false
                    <admin@example.com>,            false
                    'Admin <admin@example.com>',    false
                    '"ad min"@example.com',         false
                    admin@[127.0.0.1],              false
                    admin(comment)@example.com,     false
                    'admin@example.com (comment)',  false
                    admin\\@example.com,            false
                    'ad,min@example.com',           false
                    admin;x@example.com,            false
                    admin:x@example.com,            false
                    """)
    void validEmailWhenCheckedThenAcceptsOnlyBareAddresses(String email, boolean expected) {
        assertThat(UserValidation.validEmail(email)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "U+{0}")
    @CsvSource({"000A", "000D", "0009", "00A0", "2028", "200B", "FEFF", "0000"})
    void validEmailWhenInvisibleOrControlCharacterThenRejected(String hex) {
        String c = Character.toString(Integer.parseInt(hex, 16));

        assertThat(UserValidation.validEmail("ad" + c + "min@example.com")).isFalse();
        assertThat(UserValidation.validEmail("admin@exam" + c + "ple.com")).isFalse();
    }

    @Test
    void validEmailWhenLoneSurrogateThenRejected() {
        assertThat(UserValidation.validEmail("ad\uD800min@example.com")).isFalse();
    }

    @Test
    void validEmailWhenSupplementaryCharacterThenAccepted() {
        assertThat(UserValidation.validEmail("\uD835\uDC00x@example.com")).isTrue();
    }

    @Test
    void validEmailWhen254BytesThenAcceptedAnd255Rejected() {
        String domain = "@example.com";
        String local254 = "a".repeat(254 - domain.length());

        assertThat(UserValidation.validEmail(local254 + domain)).isTrue();
        assertThat(UserValidation.validEmail("a" + local254 + domain)).isFalse();
    }

    @Test
    void validEmailWhenUnder254CharactersButOver254BytesThenRejected() {
        // 2 bytes per "é": 122 of them are 244 bytes, plus "@example.com" (12) = 256 bytes,
        // in only 134 characters.
        String email = "é".repeat(122) + "@example.com";
        assertThat(email.length()).isLessThan(254);

        assertThat(UserValidation.validEmail(email)).isFalse();
    }

    @Test
    void validUsernameWhenAnyControlCharacterAnywhereThenRejected() {
        for (char c = 0; c < 0xa0; c++) {
            if (c >= 0x20 && c < 0x7f) {
                continue;
            }
            for (String username : new String[] {c + "alice", "ali" + c + "ce", "alice" + c}) {
                assertThat(UserValidation.validUsername(username)).as("U+%04X", (int) c).isFalse();
            }
        }
        assertThat(UserValidation.validUsername("a\u2028b")).isFalse();
        assertThat(UserValidation.validUsername("a\u2029b")).isFalse();
    }
}
