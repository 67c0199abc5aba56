package dev.tokend.server.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PkceTest {
    /** RFC 7636 Appendix B. */
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    @Test
    void s256ChallengeMatchesTheRfcExample() {
        assertThat(Pkce.challenge(VERIFIER)).isEqualTo(CHALLENGE);
        assertThat(Pkce.verifies(VERIFIER, CHALLENGE)).isTrue();
    }

    @Test
    void anotherVerifierDoesNotVerify() {
        assertThat(Pkce.verifies(VERIFIER.replace('d', 'e'), CHALLENGE)).isFalse();
        assertThat(Pkce.verifies(null, CHALLENGE)).isFalse();
        assertThat(Pkce.verifies(VERIFIER, null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "short", "has space in it but is long enough to pass the length check ok",
            "inválido-con-acentos-y-bastante-largo-para-la-longitud-minima"})
    void malformedVerifiersAreRefused(String verifier) {
        assertThat(Pkce.wellFormed(verifier)).isFalse();
        assertThat(Pkce.verifies(verifier, Pkce.challenge("x".repeat(43)))).isFalse();
    }

    @Test
    void lengthBoundsAre43To128() {
        assertThat(Pkce.wellFormed("a".repeat(42))).isFalse();
        assertThat(Pkce.wellFormed("a".repeat(43))).isTrue();
        assertThat(Pkce.wellFormed("a".repeat(128))).isTrue();
        assertThat(Pkce.wellFormed("a".repeat(129))).isFalse();
    }
}
