package dev.tokend.server.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScopesTest {

    private static Permission p(String resource, String action) {
        return new Permission(resource, action);
    }

    private static List<String> list(String spaceSeparated) {
        return spaceSeparated.isBlank() ? List.of() : Arrays.asList(spaceSeparated.split(" "));
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(
            quoteCharacter = '\'',
            textBlock =
                    """
                    coder:all,                    coder:all
                    all,                          coder:all
                    coder:application_connect,    coder:application_connect
                    application_connect,          coder:application_connect
                    '  api_key:read ',            api_key:read
                    api_key:*,                    api_key:*
                    workspace:application_connect, workspace:application_connect
                    user:read_personal,           user:read_personal
                    audit_log:read,               audit_log:read
                    oauth2_app:delete,            oauth2_app:delete
                    coder:workspaces.create,      coder:workspaces.create
                    coder:apikeys.manage_self,    coder:apikeys.manage_self
                    """)
    void canonicalWhenRequestableThenCanonicalName(String requested, String expected) {
        assertThat(Scopes.canonical(requested)).contains(expected);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
            strings = {
                "",
                " ",
                "no_user_data",
                "coder:",
                "coder:*",
                "*",
                "*:*",
                "api_key",
                "api_key:",
                "api_key:ssh",
                "API_KEY:read",
                "Coder:all",
                "file:delete",
                "audit_log:create",
                "provisioner_jobs:read",
                "workspace:read:extra",
                "coder:workspaces.unknown"
            })
    void canonicalWhenNotRequestableThenEmpty(String requested) {
        assertThat(Scopes.canonical(requested)).isEmpty();
    }

    @Test
    void canonicalWhenNullThenEmpty() {
        assertThat(Scopes.canonical(null)).isEmpty();
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(
            quoteCharacter = '\'',
            textBlock =
                    """
                    '',                                         coder:all
                    all,                                        coder:all
                    all coder:all,                              coder:all
                    api_key:read api_key:create api_key:read,   api_key:create api_key:read
                    workspace:read application_connect,         coder:application_connect workspace:read
                    user:read_personal api_key:*,               api_key:* user:read_personal
                    """)
    void normalizeWhenValidThenCanonicalDedupedSorted(String requested, String expected) {
        assertThat(Scopes.normalize(list(requested))).containsExactlyElementsOf(list(expected));
    }

    @Test
    void normalizeWhenNullThenCoderAll() {
        assertThat(Scopes.normalize(null)).containsExactly("coder:all");
    }

    @Test
    void normalizeWhenResultReturnedThenImmutable() {
        List<String> result = Scopes.normalize(List.of("api_key:read"));
        assertThatThrownBy(() -> result.add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"no_user_data", "api_key:fly", " bogus ", "coder:*"})
    void normalizeWhenInvalidThenWireMessageQuotesNameAsGiven(String bad) {
        assertThatThrownBy(() -> Scopes.normalize(List.of("api_key:read", bad)))
                .isInstanceOf(InvalidScopeException.class)
                .hasMessage("invalid or unsupported API key scope: \"" + bad + "\"");
    }

    @Test
    void normalizeWhenNullElementThenInvalid() {
        List<String> requested = new ArrayList<>();
        requested.add(null);
        assertThatThrownBy(() -> Scopes.normalize(requested))
                .isInstanceOf(InvalidScopeException.class)
                .hasMessage("invalid or unsupported API key scope: \"\"");
    }

    @Test
    void expandWhenSpecialThenFixedSet() {
        assertThat(Scopes.expand("coder:all")).containsExactly(Permission.ALL);
        assertThat(Scopes.expand("all")).containsExactly(Permission.ALL);
        assertThat(Scopes.expand("coder:application_connect"))
                .containsExactly(p("workspace", "application_connect"));
        assertThat(Scopes.expand("application_connect"))
                .containsExactly(p("workspace", "application_connect"));
    }

    @Test
    void expandWhenLowLevelThenItself() {
        assertThat(Scopes.expand("api_key:read")).containsExactly(p("api_key", "read"));
        assertThat(Scopes.expand("template:*")).containsExactly(p("template", "*"));
    }

    @Test
    void expandWhenCompositeThenSpecifiedPermissions() {
        assertThat(Scopes.expand("coder:workspaces.create"))
                .containsExactlyInAnyOrder(
                        p("template", "read"), p("template", "use"),
                        p("workspace", "create"), p("workspace", "update"),
                        p("workspace", "read"));
        assertThat(Scopes.expand("coder:workspaces.operate"))
                .containsExactlyInAnyOrder(
                        p("workspace", "read"), p("workspace", "update"),
                        p("workspace", "start"), p("workspace", "stop"));
        assertThat(Scopes.expand("coder:workspaces.delete"))
                .containsExactlyInAnyOrder(p("workspace", "read"), p("workspace", "delete"));
        assertThat(Scopes.expand("coder:workspaces.access"))
                .containsExactlyInAnyOrder(
                        p("workspace", "read"), p("workspace", "ssh"),
                        p("workspace", "application_connect"));
        assertThat(Scopes.expand("coder:templates.build"))
                .containsExactlyInAnyOrder(
                        p("template", "read"), p("file", "create"), p("file", "read"));
        assertThat(Scopes.expand("coder:templates.author"))
                .containsExactlyInAnyOrder(
                        p("template", "read"), p("template", "create"),
                        p("template", "update"), p("template", "delete"),
                        p("file", "create"), p("file", "read"));
        assertThat(Scopes.expand("coder:apikeys.manage_self"))
                .containsExactlyInAnyOrder(
                        p("api_key", "read"), p("api_key", "create"),
                        p("api_key", "update"), p("api_key", "delete"));
    }

    @Test
    void expandWhenUnknownThenInvalidScope() {
        assertThatThrownBy(() -> Scopes.expand("no_user_data"))
                .isInstanceOf(InvalidScopeException.class)
                .hasMessage("invalid or unsupported API key scope: \"no_user_data\"");
    }

    @Test
    void expandAllWhenSeveralThenSortedUnion() {
        assertThat(Scopes.expandAll(List.of("coder:workspaces.delete", "workspace:read", "all")))
                .containsExactly(
                        Permission.ALL, p("workspace", "delete"), p("workspace", "read"));
    }

    @Test
    void expandAllWhenEmptyThenNothing() {
        assertThat(Scopes.expandAll(List.of())).isEmpty();
    }

    @Test
    void externalWhenListedThenSortedAndContainsEveryRequestableKind() {
        List<String> external = Scopes.external();
        assertThat(external).isSorted().doesNotHaveDuplicates();
        assertThat(external)
                .contains(
                        "all",
                        "application_connect",
                        "coder:all",
                        "coder:application_connect",
                        "coder:workspaces.create",
                        "coder:workspaces.operate",
                        "coder:workspaces.delete",
                        "coder:workspaces.access",
                        "coder:templates.build",
                        "coder:templates.author",
                        "coder:apikeys.manage_self",
                        "workspace:application_connect",
                        "workspace:*",
                        "user:read",
                        "user:read_personal",
                        "user:update_personal",
                        "user:*",
                        "audit_log:read",
                        "audit_log:*",
                        "oauth2_app:create",
                        "task:*",
                        "organization:delete")
                .doesNotContain("no_user_data", "*:*", "user:update", "file:delete");
    }

    @Test
    void externalWhenCountedThenSpecialsCompositesAndEveryResourceAction() {
        // 4 specials + 7 composites + (actions + 1 wildcard) per resource:
        // workspace 8, template 5, api_key 4, file 2, user 3, user_secret 4, task 4,
        // organization 3, audit_log 1, oauth2_app 4 = 38 actions, 10 wildcards.
        assertThat(Scopes.external()).hasSize(4 + 7 + 38 + 10);
    }

    @Test
    void externalWhenEveryNameCanonicalisedThenAccepted() {
        for (String name : Scopes.external()) {
            assertThat(Scopes.canonical(name)).as(name).isPresent();
            assertThat(Scopes.expand(name)).as(name).isNotEmpty();
        }
    }

    @ParameterizedTest(name = "caller [{0}] covers [{1}] -> {2}")
    @CsvSource(
            quoteCharacter = '\'',
            textBlock =
                    """
                    coder:all,                      coder:all,                    true
                    all,                            coder:all,                    true
                    coder:all,                      api_key:read workspace:ssh,   true
                    api_key:*,                      api_key:read api_key:delete,  true
                    api_key:*,                      api_key:*,                    true
                    api_key:*,                      coder:apikeys.manage_self,    true
                    coder:apikeys.manage_self,      api_key:create,               true
                    coder:apikeys.manage_self,      api_key:*,                    false
                    api_key:create,                 coder:all,                    false
                    api_key:*,                      coder:all,                    false
                    api_key:read,                   api_key:read api_key:create,  false
                    workspace:read,                 coder:application_connect,    false
                    coder:workspaces.access,        coder:application_connect,    true
                    coder:workspaces.access,        application_connect,          true
                    workspace:*,                    coder:workspaces.operate,     true
                    coder:workspaces.operate,       coder:workspaces.delete,      false
                    template:* file:*,              coder:templates.author,       true
                    coder:templates.author,         coder:templates.build,        true
                    coder:templates.build,          coder:templates.author,       false
                    api_key:read user:read,         user:read api_key:read,       true
                    '',                             api_key:read,                 false
                    coder:all,                      '',                           true
                    api_key:*,                      '',                           false
                    """)
    void coversWhenCallerComparedWithRequestThenNoEscalation(
            String caller, String requested, boolean expected) {
        assertThat(Scopes.covers(list(caller), list(requested))).isEqualTo(expected);
    }

    @Test
    void coversWhenRequestedNullThenReadAsCoderAll() {
        assertThat(Scopes.covers(List.of("api_key:*"), null)).isFalse();
        assertThat(Scopes.covers(List.of("coder:all"), null)).isTrue();
    }

    @Test
    void coversWhenInvalidNameThenInvalidScope() {
        assertThatThrownBy(() -> Scopes.covers(List.of("coder:all"), List.of("nope")))
                .isInstanceOf(InvalidScopeException.class);
    }

    @ParameterizedTest(name = "[{0}] -> \"{1}\"")
    @CsvSource(
            quoteCharacter = '\'',
            textBlock =
                    """
                    coder:all,                                 all
                    all,                                       all
                    coder:application_connect,                 application_connect
                    application_connect,                       application_connect
                    coder:all coder:application_connect,       application_connect
                    api_key:read,                              ''
                    '',                                        ''
                    """)
    void legacyProjectionWhenScopesGivenThenDeprecatedField(String scopes, String expected) {
        assertThat(Scopes.legacyProjection(list(scopes))).isEqualTo(expected);
    }

    @Test
    void legacyProjectionWhenNullThenEmptyString() {
        assertThat(Scopes.legacyProjection(null)).isEmpty();
    }

    @Test
    void resourceTypesWhenListedThenCatalogResources() {
        assertThat(Scopes.resourceTypes())
                .containsExactlyInAnyOrder(
                        "workspace", "template", "api_key", "file", "user", "user_secret",
                        "task", "organization", "audit_log", "oauth2_app");
        Set<String> types = Scopes.resourceTypes();
        assertThatThrownBy(() -> types.add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
