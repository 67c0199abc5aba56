package dev.tokend.server.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pins the truth table: roles × scopes × allow lists × objects (own vs another user's, site vs
 * organization). Each row is one decision of {@link RbacEngine}.
 */
class RbacEngineTest {
    private static final UUID ME = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID OTHER = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private static final UUID MY_ORG = UUID.fromString("00000000-0000-0000-0000-0000000000c1");
    private static final UUID OTHER_ORG = UUID.fromString("00000000-0000-0000-0000-0000000000c2");
    private static final String WS = "11111111-1111-1111-1111-111111111111";

    private final RbacEngine engine = new RbacEngine();

    private static Subject subject(String siteRoles, String orgRoles, String scopes, String allowList) {
        Set<String> site = new java.util.HashSet<>(List.of(siteRoles.split("\\+")));
        site.add(Roles.MEMBER);
        site.remove("member");
        site.add(Roles.MEMBER);
        site.remove("-");
        Set<String> org = new java.util.HashSet<>(List.of(orgRoles.split("\\+")));
        org.remove("-");
        org.add(Roles.ORGANIZATION_MEMBER);
        return new Subject(ME, "me", site, Map.of(MY_ORG, org), List.of(scopes.split("\\+")),
                List.of(allowList.split("\\+")));
    }

    private static RbacObject object(String type, String owner, String org, String id) {
        UUID ownerId = switch (owner) {
            case "me" -> ME;
            case "other" -> OTHER;
            default -> null;
        };
        UUID orgId = switch (org) {
            case "mine" -> MY_ORG;
            case "other" -> OTHER_ORG;
            default -> null;
        };
        return new RbacObject(type, id.equals("-") ? "" : id, ownerId, orgId);
    }

    @ParameterizedTest(name = "[{index}] roles={0} org={1} scopes={2} allow={3}: {4} {5} owner={6} org={7} id={8} -> {9}")
    @CsvSource({
        // site roles, org roles, scopes, allow list, action, type, owner, org, id, allowed
        // Members act on their own things only.
        "-,            -, coder:all, *:*, read,   api_key,   me,    -,     -,   true",
        "-,            -, coder:all, *:*, delete, api_key,   me,    -,     -,   true",
        "-,            -, coder:all, *:*, read,   api_key,   other, -,     -,   false",
        "-,            -, coder:all, *:*, read,   user,      me,    -,     -,   true",
        "-,            -, coder:all, *:*, read,   user,      other, -,     -,   false",
        "-,            -, coder:all, *:*, create, user,      -,     -,     -,   false",
        "-,            -, coder:all, *:*, read,   audit_log, -,     -,     -,   false",
        "-,            -, coder:all, *:*, ssh,    workspace, me,    -,     " + WS + ", true",
        "-,            -, coder:all, *:*, ssh,    workspace, other, -,     " + WS + ", false",
        // Owners do everything, on anyone's objects.
        "owner,        -, coder:all, *:*, read,   api_key,   other, -,     -,   true",
        "owner,        -, coder:all, *:*, create, user,      -,     -,     -,   true",
        "owner,        -, coder:all, *:*, read,   audit_log, -,     -,     -,   true",
        // Site roles.
        "auditor,      -, coder:all, *:*, read,   audit_log, -,     -,     -,   true",
        "auditor,      -, coder:all, *:*, read,   user,      other, -,     -,   true",
        "auditor,      -, coder:all, *:*, update, user,      other, -,     -,   false",
        "auditor,      -, coder:all, *:*, read,   api_key,   other, -,     -,   false",
        "user-admin,   -, coder:all, *:*, create, user,      -,     -,     -,   true",
        "user-admin,   -, coder:all, *:*, delete, user,      other, -,     -,   true",
        "user-admin,   -, coder:all, *:*, create, api_key,   other, -,     -,   false",
        "template-admin, -, coder:all, *:*, update, template, -,   -,     -,   true",
        "template-admin, -, coder:all, *:*, read, workspace, other, -,     -,   true",
        "template-admin, -, coder:all, *:*, delete, workspace, other, -,   -,   false",
        // Organization roles apply to objects of that organization only.
        "-, organization-admin, coder:all, *:*, delete, template, -, mine,  -,   true",
        "-, organization-admin, coder:all, *:*, delete, template, -, other, -,   false",
        "-, organization-admin, coder:all, *:*, read,   api_key,  other, -, -,   false",
        "-,            -, coder:all, *:*, read,   template,  -,     mine,  -,   true",
        "-,            -, coder:all, *:*, use,    template,  -,     mine,  -,   true",
        "-,            -, coder:all, *:*, update, template,  -,     mine,  -,   false",
        "-,            -, coder:all, *:*, read,   organization, -,  other, -,   false",
        // Scopes narrow, never widen.
        "-,            -, workspace:read, *:*, read,   workspace, me,    -, -,  true",
        "-,            -, workspace:read, *:*, update, workspace, me,    -, -,  false",
        "-,            -, workspace:read, *:*, read,   workspace, other, -, -,  false",
        "-,            -, workspace:read, *:*, read,   user,      me,    -, -,  false",
        "owner,        -, workspace:read, *:*, read,   workspace, other, -, -,  true",
        "owner,        -, workspace:read, *:*, read,   api_key,   other, -, -,  false",
        "-,            -, api_key:*,      *:*, delete, api_key,   me,    -, -,  true",
        "-,            -, coder:apikeys.manage_self, *:*, create, api_key, me, -, -, true",
        "-,            -, coder:application_connect, *:*, application_connect, workspace, me, -, " + WS + ", true",
        "-,            -, coder:application_connect, *:*, read, user, me, -, -, false",
        "-,            -, application_connect, *:*, read, user, me, -, -, false",
        "-,            -, all,            *:*, read,   user,      me,    -, -,  true",
        "-,            -, user:read+api_key:read, *:*, read, api_key, me, -, -, true",
        "-,            -, bogus:scope,    *:*, read,   user,      me,    -, -,  false",
        // Allow lists narrow to listed objects.
        "-, -, coder:all, workspace:" + WS + ", ssh, workspace, me, -, " + WS + ", true",
        "-, -, coder:all, workspace:" + WS + ", ssh, workspace, me, -, 22222222-2222-2222-2222-222222222222, false",
        "-, -, coder:all, workspace:" + WS + ", read, user, me, -, -, false",
        "-, -, coder:all, workspace:*, ssh, workspace, me, -, 22222222-2222-2222-2222-222222222222, true",
        "-, -, coder:all, *:" + WS + ", ssh, workspace, me, -, " + WS + ", true",
        "owner, -, coder:all, workspace:" + WS + ", read, workspace, other, -, 22222222-2222-2222-2222-222222222222, false",
    })
    void truthTable(String siteRoles, String orgRoles, String scopes, String allowList, String action, String type,
            String owner, String org, String id, boolean allowed) {
        Subject s = subject(siteRoles.strip(), orgRoles.strip(), scopes.strip(), allowList.strip());
        assertThat(engine.authorize(s, action, object(type, owner.strip(), org.strip(), id.strip())))
                .isEqualTo(allowed);
    }

    @ParameterizedTest
    @CsvSource({
        "owner, owner, true", "owner, user-admin, true", "owner, auditor, true",
        "user-admin, owner, false", "user-admin, auditor, true", "user-admin, template-admin, true",
        "auditor, auditor, false", "-, auditor, false"})
    void rolesAreAssignableOnlyBelowOnesOwn(String caller, String role, boolean allowed) {
        Subject s = subject(caller, "-", "coder:all", "*:*");
        assertThat(engine.authorize(s, Action.ASSIGN, RbacObject.role(role))).isEqualTo(allowed);
    }

    @org.junit.jupiter.api.Test
    void systemPurgeSubjectMayOnlyDeleteKeys() {
        assertThat(engine.authorize(SystemSubjects.PURGE, Action.DELETE, RbacObject.apiKey("abc", OTHER))).isTrue();
        assertThat(engine.authorize(SystemSubjects.PURGE, Action.READ, RbacObject.apiKey("abc", OTHER))).isFalse();
        assertThat(engine.authorize(SystemSubjects.PURGE, Action.DELETE, RbacObject.user(OTHER))).isFalse();
    }

    @org.junit.jupiter.api.Test
    void readmeTruthTableMatchesTheCatalog() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(
                java.nio.file.Path.of("src/main/java/dev/tokend/server/rbac/README.md"));
        assertThat(readme).contains(RoleCatalog.renderMarkdown());
    }
}
