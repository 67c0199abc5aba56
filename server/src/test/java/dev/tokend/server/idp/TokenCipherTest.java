package dev.tokend.server.idp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenCipherTest {
    private static String key(int fill) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, (byte) fill);
        return Base64.getEncoder().encodeToString(k);
    }

    @Test
    void sealedValueOpensAndIsNotThePlaintext() {
        TokenCipher c = TokenCipher.fromKeys(List.of(key(1)), null, new SecureRandom());
        TokenCipher.Sealed s = c.seal("oauth_access_token", "secret-token");
        assertThat(s.value()).isNotEqualTo("secret-token").doesNotContain("secret");
        assertThat(c.open("oauth_access_token", s.value(), s.keyId())).isEqualTo("secret-token");
    }

    @Test
    void rotationNewKeyFirstStillOpensValuesOfTheOldKey() {
        TokenCipher old = TokenCipher.fromKeys(List.of(key(1)), null, new SecureRandom());
        TokenCipher.Sealed s = old.seal("oauth_refresh_token", "r1");
        TokenCipher rotated = TokenCipher.fromKeys(List.of(key(2), key(1)), null, new SecureRandom());
        assertThat(rotated.open("oauth_refresh_token", s.value(), s.keyId())).isEqualTo("r1");
        assertThat(rotated.seal("oauth_refresh_token", "r2").keyId()).isNotEqualTo(s.keyId());
    }

    @Test
    void valueMovedToAnotherColumnOrWithARemovedKeyDoesNotOpen() {
        TokenCipher c = TokenCipher.fromKeys(List.of(key(1)), null, new SecureRandom());
        TokenCipher.Sealed s = c.seal("oauth_access_token", "a");
        assertThatThrownBy(() -> c.open("oauth_refresh_token", s.value(), s.keyId()))
                .isInstanceOf(IllegalStateException.class);
        TokenCipher other = TokenCipher.fromKeys(List.of(key(3)), null, new SecureRandom());
        assertThatThrownBy(() -> other.open("oauth_access_token", s.value(), s.keyId()))
                .hasMessageContaining("not configured");
    }

    @Test
    void withoutKeysValuesAreStoredAsGiven() {
        TokenCipher c = TokenCipher.plaintext();
        assertThat(c.enabled()).isFalse();
        assertThat(c.seal("oauth_access_token", "a")).isEqualTo(new TokenCipher.Sealed("a", null));
    }

    @Test
    void shortKeyIsRefused() {
        assertThatThrownBy(() -> TokenCipher.fromKeys(List.of("AAAA"), null, new SecureRandom()))
                .hasMessageContaining("32 bytes");
    }
}
