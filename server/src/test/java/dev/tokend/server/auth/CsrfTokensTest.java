package dev.tokend.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CsrfTokensTest {
    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    private static final CsrfTokens CSRF = new CsrfTokens(key(1));

    private static String session() {
        return TokenFormat.generate(TokenKind.SESSION, new SecureRandom()).token();
    }

    @Test
    void tokenIsStableForAKeyIdAndDiffersBetweenKeyIds() {
        assertThat(CSRF.forKeyId("Ab3dE9xYz1")).isEqualTo(CSRF.forKeyId("Ab3dE9xYz1"))
                .isNotEqualTo(CSRF.forKeyId("Ab3dE9xYz2"));
        assertThat(CSRF.forKeyId("Ab3dE9xYz1")).matches("[A-Za-z0-9_-]{43}"); // 32 bytes, base64url, no padding
    }

    @Test
    void anotherDeploymentKeyGivesAnotherToken() {
        assertThat(new CsrfTokens(key(2)).forKeyId("Ab3dE9xYz1")).isNotEqualTo(CSRF.forKeyId("Ab3dE9xYz1"));
    }

    @Test
    void tokenOfASessionIsTheTokenOfItsKeyId() {
        String session = session();
        String id = ((ParseResult.Valid) TokenFormat.parse(session)).id();
        assertThat(CSRF.forSession(session)).hasValue(CSRF.forKeyId(id));
    }

    @Test
    void malformedSessionHasNoToken() {
        assertThat(CSRF.forSession("garbage")).isEmpty();
        assertThat(CSRF.matches("garbage", CSRF.forKeyId("x"))).isFalse();
    }

    @Test
    void matchesOnlyTheSessionsOwnToken() {
        String session = session();
        String token = CSRF.forSession(session).orElseThrow();
        assertThat(CSRF.matches(session, token)).isTrue();
        assertThat(CSRF.matches(session(), token)).isFalse();
        assertThat(CSRF.matches(session, token + "x")).isFalse();
        assertThat(CSRF.matches(session, "")).isFalse();
        assertThat(CSRF.matches(session, null)).isFalse();
    }

    @Test
    void keyShorterThan32BytesIsRefused() {
        assertThatThrownBy(() -> new CsrfTokens(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keyIsCopiedSoLaterChangesToTheArrayDoNotMatter() {
        byte[] key = key(3);
        CsrfTokens csrf = new CsrfTokens(key);
        String before = csrf.forKeyId("Ab3dE9xYz1");
        Arrays.fill(key, (byte) 4);
        assertThat(csrf.forKeyId("Ab3dE9xYz1")).isEqualTo(before);
    }
}
