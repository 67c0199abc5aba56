package dev.tokend.server.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class UserCodesTest {
    @Test
    void codesHaveNoVowelsAndNormaliseFromWhatPeopleType() {
        String code = UserCodes.userCode(new SecureRandom());
        assertThat(code).matches("[BCDFGHJKLMNPQRSTVWXZ]{8}");
        String shown = UserCodes.display(code);
        assertThat(shown).matches("[A-Z]{4}-[A-Z]{4}");
        assertThat(UserCodes.normalize(shown.toLowerCase())).isEqualTo(code);
        assertThat(UserCodes.normalize(" " + shown.substring(0, 4) + " " + shown.substring(5))).isEqualTo(code);
    }
}
