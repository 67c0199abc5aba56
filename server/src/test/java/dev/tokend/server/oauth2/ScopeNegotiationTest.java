package dev.tokend.server.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reference §8.2 negotiation rules. */
class ScopeNegotiationTest {
    @Test
    void namesTheClientMayNotHaveAreDropped() {
        assertThat(ScopeNegotiation.negotiate(List.of("user:read", "api_key:read"), List.of("user:read")))
                .containsExactly("user:read");
    }

    @Test
    void nothingLeftIsInvalidScope() {
        assertThatThrownBy(() -> ScopeNegotiation.negotiate(List.of("api_key:read"), List.of("user:read")))
                .isInstanceOf(OAuth2Error.Refusal.class)
                .extracting(e -> ((OAuth2Error.Refusal) e).error().code()).isEqualTo("invalid_scope");
    }

    @Test
    void unknownNameIsInvalidScope() {
        assertThatThrownBy(() -> ScopeNegotiation.negotiate(List.of("no_such:scope"), List.of()))
                .isInstanceOf(OAuth2Error.Refusal.class);
    }

    @Test
    void emptyRequestGetsTheAllowListOrAll() {
        assertThat(ScopeNegotiation.negotiate(List.of(), List.of("user:read"))).containsExactly("user:read");
        assertThat(ScopeNegotiation.negotiate(List.of(), List.of())).containsExactly("coder:all");
    }

    @Test
    void legacyAliasesAreCanonicalAndDuplicatesStoredOnce() {
        assertThat(ScopeNegotiation.negotiate(List.of("all", "coder:all", "all"), List.of()))
                .containsExactly("coder:all");
    }

    @Test
    void wildcardAllowanceCoversItsActions() {
        assertThat(ScopeNegotiation.negotiate(List.of("user:read"), List.of("user:*"))).containsExactly("user:read");
    }

    @Test
    void scopeParameterSplitsOnSpaces() {
        assertThat(ScopeNegotiation.parse(" user:read  api_key:read ")).containsExactly("user:read", "api_key:read");
        assertThat(ScopeNegotiation.parse(null)).isEmpty();
    }
}
