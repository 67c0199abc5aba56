package dev.tokend.server.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PermissionTest {

    @ParameterizedTest(name = "({0},{1}) on {2}.{3} -> {4}")
    @CsvSource(
            textBlock =
                    """
                    *,         *,      api_key,   read,   true
                    *,         *,      workspace, ssh,    true
                    api_key,   *,      api_key,   delete, true
                    api_key,   *,      workspace, read,   false
                    api_key,   read,   api_key,   read,   true
                    api_key,   read,   api_key,   create, false
                    api_key,   read,   user,      read,   false
                    *,         read,   user,      read,   true
                    *,         read,   user,      update, false
                    """)
    void matchesWhenRequestCheckedThenEachPartIsWildcardOrEqual(
            String resource, String action, String type, String requested, boolean expected) {
        assertThat(new Permission(resource, action).matches(type, requested)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "({0},{1}) covers ({2},{3}) -> {4}")
    @CsvSource(
            textBlock =
                    """
                    *,        *,      *,        *,      true
                    *,        *,      api_key,  *,      true
                    *,        *,      api_key,  read,   true
                    api_key,  *,      api_key,  *,      true
                    api_key,  *,      api_key,  read,   true
                    api_key,  *,      *,        *,      false
                    api_key,  *,      user,     *,      false
                    api_key,  *,      user,     read,   false
                    api_key,  read,   api_key,  read,   true
                    api_key,  read,   api_key,  *,      false
                    api_key,  read,   api_key,  create, false
                    api_key,  read,   *,        *,      false
                    api_key,  read,   *,        read,   false
                    *,        read,   user,     read,   true
                    *,        read,   *,        read,   true
                    *,        read,   user,     *,      false
                    *,        read,   *,        *,      false
                    """)
    void coversWhenComparedThenWildcardIsCoveredOnlyByWildcard(
            String resource, String action, String otherResource, String otherAction,
            boolean expected) {
        Permission mine = new Permission(resource, action);
        assertThat(mine.covers(new Permission(otherResource, otherAction))).isEqualTo(expected);
    }

    @Test
    void allWhenInspectedThenIsDoubleWildcard() {
        assertThat(Permission.ALL).isEqualTo(new Permission("*", "*"));
        assertThat(Permission.ALL).hasToString("*:*");
    }

    @Test
    void constructorWhenPartBlankOrNullThenRejected() {
        assertThatThrownBy(() -> new Permission("", "read"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Permission("user", " "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Permission(null, "read"))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void compareToWhenSortedThenByResourceThenAction() {
        assertThat(new Permission("api_key", "read"))
                .isLessThan(new Permission("user", "create"))
                .isGreaterThan(new Permission("api_key", "create"))
                .isGreaterThan(new Permission("*", "*"));
    }
}
