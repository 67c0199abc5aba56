package dev.tokend.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tokend.sdk.model.ValidationError;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AuditQueryParserTest {

    private static final String ID = "0b1e2f7c-8f1b-4c7e-9d8a-1a2b3c4d5e6f";

    private static InvalidAuditQueryException invalid(String q) {
        InvalidAuditQueryException e =
                catchThrowableOfType(
                        InvalidAuditQueryException.class, () -> AuditQueryParser.parse(q));
        assertThat(e).as("expected %s to be rejected", q).isNotNull();
        assertThat(e).hasMessage("Invalid audit search query.");
        return e;
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t\n"})
    void parseWhenEmptyOrBlankThenNoFilters(String q) {
        assertThat(AuditQueryParser.parse(q)).isEqualTo(AuditQuery.EMPTY);
        assertThat(AuditQuery.EMPTY.fromInclusive()).isEmpty();
        assertThat(AuditQuery.EMPTY.toExclusive()).isEmpty();
    }

    @Test
    void parseWhenEveryKeyGivenThenEveryFieldSet() {
        String q =
                "resource_type:api_key resource_id:" + ID + " resource_target:ci action:create"
                        + " username:alice email:alice@example.com date_from:2025-01-02"
                        + " date_to:2025-01-03 build_reason:initiator request_id:" + ID
                        + " organization:coder";
        AuditQuery query = AuditQueryParser.parse(q);
        assertThat(query)
                .isEqualTo(
                        new AuditQuery(
                                Optional.of("api_key"),
                                Optional.of(UUID.fromString(ID)),
                                Optional.of("ci"),
                                Optional.of("create"),
                                Optional.of("alice"),
                                Optional.of("alice@example.com"),
                                Optional.of(LocalDate.of(2025, 1, 2)),
                                Optional.of(LocalDate.of(2025, 1, 3)),
                                Optional.of(UUID.fromString(ID)),
                                Optional.of("coder")));
    }

    @Test
    void parseWhenBareTermThenResourceType() {
        assertThat(AuditQueryParser.parse("api_key").resourceType()).contains("api_key");
        assertThat(AuditQueryParser.parse("USER action:delete").resourceType()).contains("user");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
                    Resource_Type:API_KEY           | api_key
                    resource_type:oauth2_provider_app_secret | oauth2_provider_app_secret
                    RESOURCE_TYPE:Notifications_Settings | notifications_settings
                    """)
    void parseWhenKeyAndEnumValueMixedCaseThenLowerCased(String q, String expected) {
        assertThat(AuditQueryParser.parse(q).resourceType()).contains(expected);
    }

    @Test
    void parseWhenEveryListedResourceTypeAndActionThenAccepted() {
        for (String type : AuditQuery.RESOURCE_TYPES) {
            assertThat(AuditQueryParser.parse("resource_type:" + type).resourceType())
                    .contains(type);
        }
        for (String action : AuditQuery.ACTIONS) {
            assertThat(AuditQueryParser.parse("action:" + action.toUpperCase()).action())
                    .contains(action);
        }
    }

    @Test
    void parseWhenQuotedValueThenSpacesAndColonsKept() {
        AuditQuery query =
                AuditQueryParser.parse("resource_target:\"my token\"  email:\"a b\"@x.io");
        assertThat(query.resourceTarget()).contains("my token");
        assertThat(query.email()).contains("a b@x.io");
        assertThat(AuditQueryParser.parse("resource_target:\"x:y z\"").resourceTarget())
                .contains("x:y z");
    }

    @Test
    void parseWhenUnquotedValueHasColonThenKeptInValue() {
        assertThat(AuditQueryParser.parse("resource_target:a:b").resourceTarget())
                .contains("a:b");
    }

    @Test
    void parseWhenNonEnumValueThenCaseKept() {
        AuditQuery query =
                AuditQueryParser.parse("username:Alice resource_target:CI email:A@B.io");
        assertThat(query.username()).contains("Alice");
        assertThat(query.resourceTarget()).contains("CI");
        assertThat(query.email()).contains("A@B.io");
    }

    @ParameterizedTest
    @ValueSource(strings = {"me", "ME", "Me"})
    void parseWhenUsernameMeThenLiteralMeForCallerToResolve(String me) {
        AuditQuery query = AuditQueryParser.parse("username:" + me);
        assertThat(query.username()).contains("me");
    }

    @Test
    void parseWhenUppercaseUuidThenParsed() {
        assertThat(AuditQueryParser.parse("resource_id:" + ID.toUpperCase()).resourceId())
                .contains(UUID.fromString(ID));
    }

    @Test
    void parseWhenBuildReasonThenAcceptedAndIgnored() {
        assertThat(AuditQueryParser.parse("build_reason:autostart")).isEqualTo(AuditQuery.EMPTY);
    }

    @Test
    void dateHelpersWhenRangeGivenThenUtcStartAndDayAfterEnd() {
        AuditQuery query = AuditQueryParser.parse("date_from:2025-01-31 date_to:2025-02-28");
        assertThat(query.fromInclusive()).contains(Instant.parse("2025-01-31T00:00:00Z"));
        assertThat(query.toExclusive()).contains(Instant.parse("2025-03-01T00:00:00Z"));
    }

    @Test
    void parseWhenSameDayRangeThenAccepted() {
        AuditQuery query = AuditQueryParser.parse("date_from:2024-02-29 date_to:2024-02-29");
        assertThat(query.fromInclusive()).contains(Instant.parse("2024-02-29T00:00:00Z"));
        assertThat(query.toExclusive()).contains(Instant.parse("2024-03-01T00:00:00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
                    foo:bar                    | foo          | Query param "foo" is not a valid query param
                    FOO:bar                    | foo          | Query param "foo" is not a valid query param
                    resource_id:abc            | resource_id  | Query param "resource_id" must be a valid uuid
                    resource_id:1-2-3-4-5      | resource_id  | Query param "resource_id" must be a valid uuid
                    request_id:nope            | request_id   | Query param "request_id" must be a valid uuid
                    date_from:2025-1-2         | date_from    | Query param "date_from" must be a valid date format (2006-01-02)
                    date_from:2025-02-30       | date_from    | Query param "date_from" must be a valid date format (2006-01-02)
                    date_to:2025-13-01         | date_to      | Query param "date_to" must be a valid date format (2006-01-02)
                    date_to:+12025-01-01       | date_to      | Query param "date_to" must be a valid date format (2006-01-02)
                    date_to:2025-01-01T00:00   | date_to      | Query param "date_to" must be a valid date format (2006-01-02)
                    action:fly                 | action       | Query param "action" has invalid value "fly"
                    resource_type:Frobnicator  | resource_type | Query param "resource_type" has invalid value "Frobnicator"
                    widget                     | resource_type | Query param "resource_type" has invalid value "widget"
                    action:                    | action       | Query param "action" must not be empty
                    action:create action:delete | action      | Query param "action" may only be given once
                    api_key resource_type:user | resource_type | Query param "resource_type" may only be given once
                    :create                    | q            | Query element ":create" is missing a key
                    resource_target:"open      | q            | Query element "resource_target:"open" has an unterminated double quote
                    date_from:2025-02-02 date_to:2025-02-01 | date_from | Query param "date_from" must not be after "date_to"
                    """)
    void parseWhenInvalidThenOneValidationNamingFieldAndProblem(
            String q, String field, String detail) {
        assertThat(invalid(q).validations()).containsExactly(new ValidationError(field, detail));
    }

    @Test
    void parseWhenSeveralProblemsThenOneValidationEachInQueryOrder() {
        InvalidAuditQueryException e =
                invalid("action:fly foo:1 resource_id:x action:create action:delete api_key");
        assertThat(e.validations())
                .containsExactly(
                        new ValidationError("action", "Query param \"action\" has invalid value \"fly\""),
                        new ValidationError("foo", "Query param \"foo\" is not a valid query param"),
                        new ValidationError(
                                "resource_id", "Query param \"resource_id\" must be a valid uuid"),
                        new ValidationError(
                                "action", "Query param \"action\" may only be given once"));
    }

    @Test
    void validationsWhenReturnedThenImmutable() {
        InvalidAuditQueryException e = invalid("foo:bar");
        assertThat(e.validations()).isUnmodifiable();
    }
}
