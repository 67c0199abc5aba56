package dev.tokend.server.idp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokend.server.IdpOptions;
import dev.tokend.server.error.ApiError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OidcClaimsTest {
    private static final IdpOptions.Oidc OPTIONS = IdpOptions.Oidc.of(java.net.URI.create("https://idp"), "c", "s");

    @Test
    void absentEmailFallsBackToAnEmailShapedUsername() {
        assertThat(OidcClaims.profile(Map.of("preferred_username", "kyle@kwc.io"), OPTIONS).email())
                .isEqualTo("kyle@kwc.io");
        assertThatThrownBy(() -> OidcClaims.profile(Map.of("preferred_username", "kyle"), OPTIONS))
                .isInstanceOf(ApiError.class).hasMessageContaining("No email found in OIDC payload!");
    }

    @Test
    void nonStringEmailIsRefusedWithGosVerbText() {
        assertThatThrownBy(() -> OidcClaims.profile(Map.of("email", 3.14159), OPTIONS))
                .hasMessageContaining("Email in OIDC payload isn't a string. Got: %!t(float64=3.14159)");
    }

    @Test
    void nameIsTrimmedAndTruncatedTo128Bytes() {
        String name = "  " + "x".repeat(200) + "  ";
        assertThat(OidcClaims.profile(Map.of("email", "a@b.c", "name", name), OPTIONS).name()).hasSize(128);
    }

    @Test
    void domainRuleEdgeCases() {
        assertThat(OidcClaims.domainAllowed("a@mail.com", List.of("gmail.com"))).isFalse();
        assertThat(OidcClaims.domainAllowed("nodomain", List.of("x.com"))).isFalse();
        assertThat(OidcClaims.domainAllowed("a@X.COM", List.of("@x.com"))).isTrue();
    }
}
