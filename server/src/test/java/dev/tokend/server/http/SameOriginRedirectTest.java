package dev.tokend.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SameOriginRedirectTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "/",
            "/cli-auth",
            "/cli-auth?redirect=%2Fx&a=b",
            "/path#fragment",
            "/a/b/../c",
            "/..//still-this-origin",
            "/a:b",
            "/a%20b",
            "/a%25b",
            "/a+b",
            "/ünïcödé",
            "/?q=http://evil.example",
    })
    void sameOriginPathIsKeptAsIs(String target) {
        assertThat(SameOriginRedirect.sanitize(target)).isEqualTo(target);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            // The reported bug: browsers drop the tab and read //evil.example.
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r/evil.example",
            "/\r\n/evil.example",
            "/\u0000/evil.example",
            "/\u001b/evil.example",
            "/\u007f/evil.example",
            "/\u0085/evil.example",
            "/\u2028/evil.example",
            "\t//evil.example",
            // Backslashes are slashes to a browser.
            "/\\evil.example",
            "\\\\evil.example",
            "/x\\y",
            // Scheme-relative and absolute URLs.
            "//evil.example",
            "///evil.example",
            "http://evil.example",
            "https://evil.example/",
            "http:/evil.example",
            "http:evil.example",
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            // Percent-encoded variants, in case one more decoding happens downstream.
            "/%09/evil.example",
            "/%0a/evil.example",
            "/%0D%0A/evil.example",
            "/%00",
            "/%2F/evil",
            "/%2f/evil",
            "/%5Cevil.example",
            "/%5cevil.example",
            "/%zz",
            "/%",
            // Not a path: relative references resolve against the current page.
            "foo",
            "foo/bar",
            "evil.example",
            "?q=1",
            "#top",
            " /leading-space",
            "/with space",
    })
    void anythingElseBecomesRoot(String target) {
        assertThat(SameOriginRedirect.sanitize(target)).isEqualTo("/");
    }

    @Test
    void veryLongTargetBecomesRootRatherThanBeingCut() {
        String fits = "/" + "a".repeat(SameOriginRedirect.MAX_LENGTH - 1);
        assertThat(SameOriginRedirect.sanitize(fits)).isEqualTo(fits);
        assertThat(SameOriginRedirect.sanitize(fits + "a")).isEqualTo("/");
        assertThat(SameOriginRedirect.sanitize("/" + "%2F".repeat(100_000))).isEqualTo("/");
    }

    @Test
    void everyC0AndC1ControlIsRefused() {
        for (char c = 0; c < 0xa0; c++) {
            if (c >= 0x20 && c < 0x7f) {
                continue;
            }
            assertThat(SameOriginRedirect.sanitize("/a" + c + "b")).as("U+%04X", (int) c).isEqualTo("/");
        }
    }
}
