package dev.tokend.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditDescriptionsTest {

    @ParameterizedTest(name = "{0} {1} \"{2}\" {3} -> {4}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            textBlock =
                    """
                    create  | api_key      | ci     | 201 | {user} created token {target}
                    delete  | api_key      | ci     | 204 | {user} deleted token {target}
                    write   | api_key      | ci     | 200 | {user} updated token {target}
                    login   | api_key      | ''     | 201 | {user} logged in
                    logout  | api_key      | ''     | 200 | {user} logged out
                    register| api_key      | ''     | 201 | {user} registered
                    register| user         | bob    | 201 | {user} registered
                    create  | user         | bob    | 201 | {user} created user {target}
                    write   | user         | bob    | 200 | {user} updated user {target}
                    delete  | user         | bob    | 200 | {user} deleted user {target}
                    create  | api_key      | ''     | 201 | {user} created token
                    create  | api_key      | ci     | 400 | {user} unsuccessfully attempted to create token {target}
                    create  | api_key      | ci     | 409 | {user} unsuccessfully attempted to create token {target}
                    delete  | api_key      | ci     | 500 | {user} unsuccessfully attempted to delete token {target}
                    write   | user         | bob    | 403 | {user} unsuccessfully attempted to write user {target}
                    write   | api_key      | ci     | 400 | {user} unsuccessfully attempted to write token {target}
                    login   | api_key      | ''     | 401 | {user} unsuccessfully attempted to login
                    logout  | api_key      | ''     | 500 | {user} unsuccessfully attempted to logout
                    login   | api_key      | ''     | 303 | {user} was redirected attempting to login
                    create  | oauth2_provider_app | app | 303 | {user} was redirected attempting to create OAuth2 app {target}
                    create  | oauth2_provider_app_secret | s | 201 | {user} created OAuth2 app secret {target}
                    write   | organization | acme   | 200 | {user} updated organization {target}
                    write   | notifications_settings | '' | 200 | {user} updated notification settings
                    create  | convert_login | oidc  | 201 | {user} created login type conversion to {target}
                    request_password_reset | user | bob | 200 | {user} requested a password reset for user {target}
                    request_password_reset | user | bob | 429 | {user} unsuccessfully attempted to request_password_reset user {target}
                    start   | workspace    | dev    | 200 | {user} started workspace {target}
                    connect | workspace    | dev    | 200 | {user} connected to workspace {target}
                    create  | widget_thing | w      | 201 | {user} created widget thing {target}
                    CREATE  | API_KEY      | ci     | 201 | {user} created token {target}
                    """)
    void describeWhenRowGivenThenTemplateWithLiteralPlaceholders(
            String action, String type, String target, int status, String expected) {
        assertThat(AuditDescriptions.describe(action, type, target, status)).isEqualTo(expected);
    }

    @Test
    void describeWhenTargetNullThenTargetOmitted() {
        assertThat(AuditDescriptions.describe("delete", "api_key", null, 204))
                .isEqualTo("{user} deleted token");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            user                | bob      | /users?filter=bob
            user                | a b      | /users?filter=a+b
            user                | ''       | ''
            api_key             | ci       | ''
            oauth2_provider_app | app      | /deployment/oauth2-provider/apps/00000000-0000-0000-0000-000000000001
            organization        | acme     | ''
            """)
    void resourceLinkWhenTypeGivenThenTheReferencesPage(String type, String target, String expected) {
        assertThat(AuditDescriptions.resourceLink(type, target, new java.util.UUID(0, 1))).isEqualTo(expected);
    }
}
