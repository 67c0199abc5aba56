package dev.tokend.server.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedirectUrisTest {
    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com/cb", "https://app.example.com/cb?x=1", "http://localhost/cb",
            "http://127.0.0.1:9/cb", "http://[::1]:8080/cb", "com.example.app:/oauth2redirect", "myapp://callback"})
    void registrable(String uri) {
        assertThat(RedirectUris.problem(uri)).as(uri).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/cb", "cb", "https://app.example.com/cb#f", "http://app.example.com/cb",
            "http://localhost.evil.example/cb", "javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x",
            "file:///etc/passwd", "https://app.example.com/a b", "https://app.example.com/\\evil", "https:///nohost"})
    void notRegistrable(String uri) {
        assertThat(RedirectUris.problem(uri)).as(uri).isPresent();
    }

    @Test
    void matchingIsExactStringEquality() {
        List<String> registered = List.of("https://app.example.com/cb");
        assertThat(RedirectUris.select(registered, "https://app.example.com/cb")).contains("https://app.example.com/cb");
        for (String near : List.of("https://app.example.com/cb/", "https://APP.example.com/cb",
                "https://app.example.com:443/cb", "https://app.example.com/cb?x", "https://app.example.com/c")) {
            assertThat(RedirectUris.select(registered, near)).as(near).isEmpty();
        }
    }

    @Test
    void missingRedirectUriUsesTheOnlyRegisteredOneElseNone() {
        assertThat(RedirectUris.select(List.of("https://a.example/cb"), "")).contains("https://a.example/cb");
        assertThat(RedirectUris.select(List.of("https://a.example/cb", "https://b.example/cb"), null)).isEmpty();
    }
}
