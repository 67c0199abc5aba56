package dev.tokend.server.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 6749 §2.3.1 and reference §8.3: one client authentication, never two that disagree. */
class ClientAuthenticationTest {
    private static final Optional<ClientAuthentication> BASIC = Optional.of(new ClientAuthentication("id", "s3cret"));

    @Test
    void basicAloneOrRepeatedInTheBodyIsAccepted() {
        assertThat(ClientAuthentication.resolve(BASIC, null, null).clientId()).isEqualTo("id");
        assertThat(ClientAuthentication.resolve(BASIC, "id", "s3cret").secret()).isEqualTo("s3cret");
    }

    @Test
    void basicAndADifferentBodyIsInvalidRequest() {
        assertThatThrownBy(() -> ClientAuthentication.resolve(BASIC, "other", null))
                .isInstanceOf(OAuth2Error.Refusal.class)
                .extracting(e -> ((OAuth2Error.Refusal) e).error()).isEqualTo(OAuth2Error.CONFLICTING_CLIENT_AUTH);
        assertThatThrownBy(() -> ClientAuthentication.resolve(BASIC, "id", "different"))
                .isInstanceOf(OAuth2Error.Refusal.class);
    }

    @Test
    void noClientIdIsInvalidRequest() {
        assertThatThrownBy(() -> ClientAuthentication.resolve(Optional.empty(), "", "x"))
                .extracting(e -> ((OAuth2Error.Refusal) e).error()).isEqualTo(OAuth2Error.MISSING_CLIENT_ID);
    }

    @Test
    void toStringHidesTheSecret() {
        assertThat(new ClientAuthentication("id", "s3cret").toString()).doesNotContain("s3cret");
    }
}
