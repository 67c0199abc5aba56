package dev.tokend.server.audit;

import dev.tokend.sdk.model.ValidationError;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the audit search language of spec §2.4: whitespace-separated {@code key:value} terms,
 * where a bare term (no unquoted colon) is a {@code resource_type}.
 *
 * <p>Syntax decisions the reference leaves open: a value may be wrapped (wholly or partly) in
 * double quotes to contain spaces or colons, e.g. {@code resource_target:"my token"}; there is no
 * escape for {@code "} itself. The key ends at the first unquoted colon, so an unquoted value may
 * contain further colons. Keys and enumerated values are case-insensitive; other values are kept
 * as given. Every problem is reported, not only the first, so the UI can show them together.
 */
public final class AuditQueryParser {

    private static final String RESOURCE_TYPE = "resource_type";
    private static final String RESOURCE_ID = "resource_id";
    private static final String RESOURCE_TARGET = "resource_target";
    private static final String ACTION = "action";
    private static final String USERNAME = "username";
    private static final String EMAIL = "email";
    private static final String DATE_FROM = "date_from";
    private static final String DATE_TO = "date_to";
    private static final String BUILD_REASON = "build_reason";
    private static final String REQUEST_ID = "request_id";
    private static final String ORGANIZATION = "organization";

    /** Field name used for problems that belong to no single key. */
    private static final String QUERY_FIELD = "q";

    private static final Set<String> KEYS =
            Set.of(
                    RESOURCE_TYPE, RESOURCE_ID, RESOURCE_TARGET, ACTION, USERNAME, EMAIL,
                    DATE_FROM, DATE_TO, BUILD_REASON, REQUEST_ID, ORGANIZATION);

    /** Canonical textual UUIDs only; {@link UUID#fromString} alone also takes short groups. */
    private static final Pattern UUID_TEXT =
            Pattern.compile(
                    "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** {@code YYYY-MM-DD} exactly; {@link LocalDate#parse} alone would take signed 5-digit years. */
    private static final Pattern DATE_TEXT = Pattern.compile("([0-9]{4})-([0-9]{2})-([0-9]{2})");

    private AuditQueryParser() {}

    /**
     * Parses {@code q}; null, empty or blank yields {@link AuditQuery#EMPTY}.
     *
     * @throws InvalidAuditQueryException listing every problem, in query order
     */
    public static AuditQuery parse(String q) {
        if (q == null || q.isBlank()) {
            return AuditQuery.EMPTY;
        }
        Builder builder = new Builder();
        for (Term term : tokenize(q, builder.errors)) {
            builder.accept(term);
        }
        builder.checkDateRange();
        if (!builder.errors.isEmpty()) {
            throw new InvalidAuditQueryException(builder.errors);
        }
        return builder.build();
    }

    /**
     * One term of the query: {@code key} is null for a bare term; quotes are already removed
     * from key and value, {@code raw} keeps the text as typed for messages.
     */
    private record Term(String raw, String key, String value) {}

    private static List<Term> tokenize(String q, List<ValidationError> errors) {
        List<Term> terms = new ArrayList<>();
        int i = 0;
        int n = q.length();
        while (i < n) {
            if (Character.isWhitespace(q.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            StringBuilder part = new StringBuilder();
            String key = null;
            boolean quoted = false;
            for (; i < n; i++) {
                char c = q.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && Character.isWhitespace(c)) {
                    break;
                } else if (!quoted && c == ':' && key == null) {
                    key = part.toString();
                    part.setLength(0);
                } else {
                    part.append(c);
                }
            }
            String raw = q.substring(start, i);
            if (quoted) {
                // An open quote swallows the rest of the query, so nothing after it is a term.
                errors.add(
                        new ValidationError(
                                QUERY_FIELD,
                                "Query element \"" + raw + "\" has an unterminated double quote"));
                break;
            }
            terms.add(new Term(raw, key, part.toString()));
        }
        return terms;
    }

    /** Per-parse mutable state; confined to one {@link #parse} call. */
    private static final class Builder {
        private final List<ValidationError> errors = new ArrayList<>();
        private final Set<String> seen = new HashSet<>();
        private final Set<String> reportedDuplicates = new HashSet<>();

        private Optional<String> resourceType = Optional.empty();
        private Optional<UUID> resourceId = Optional.empty();
        private Optional<String> resourceTarget = Optional.empty();
        private Optional<String> action = Optional.empty();
        private Optional<String> username = Optional.empty();
        private Optional<String> email = Optional.empty();
        private Optional<LocalDate> dateFrom = Optional.empty();
        private Optional<LocalDate> dateTo = Optional.empty();
        private Optional<UUID> requestId = Optional.empty();
        private Optional<String> organization = Optional.empty();

        void accept(Term term) {
            String key =
                    term.key() == null ? RESOURCE_TYPE : term.key().trim().toLowerCase(Locale.ROOT);
            if (key.isEmpty()) {
                error(QUERY_FIELD, "Query element \"" + term.raw() + "\" is missing a key");
                return;
            }
            if (!KEYS.contains(key)) {
                error(key, "Query param \"" + key + "\" is not a valid query param");
                return;
            }
            if (!seen.add(key)) {
                // A second value would be ambiguous (AND? OR?); say so once per key.
                if (reportedDuplicates.add(key)) {
                    error(key, "Query param \"" + key + "\" may only be given once");
                }
                return;
            }
            String value = term.value();
            if (value.isEmpty()) {
                error(key, "Query param \"" + key + "\" must not be empty");
                return;
            }
            switch (key) {
                case RESOURCE_TYPE ->
                        resourceType = oneOf(key, value, AuditQuery.RESOURCE_TYPES);
                case ACTION -> action = oneOf(key, value, AuditQuery.ACTIONS);
                case RESOURCE_ID -> resourceId = uuid(key, value);
                case REQUEST_ID -> requestId = uuid(key, value);
                case DATE_FROM -> dateFrom = date(key, value);
                case DATE_TO -> dateTo = date(key, value);
                case RESOURCE_TARGET -> resourceTarget = Optional.of(value);
                case USERNAME ->
                        username =
                                Optional.of(
                                        AuditQuery.ME.equalsIgnoreCase(value)
                                                ? AuditQuery.ME
                                                : value);
                case EMAIL -> email = Optional.of(value);
                case ORGANIZATION -> organization = Optional.of(value);
                case BUILD_REASON -> {
                    // Accepted for compatibility with the reference's UI; tokend has no builds.
                }
                default -> throw new IllegalStateException("unhandled audit query key " + key);
            }
        }

        void checkDateRange() {
            if (dateFrom.isPresent() && dateTo.isPresent() && dateFrom.get().isAfter(dateTo.get())) {
                error(DATE_FROM, "Query param \"date_from\" must not be after \"date_to\"");
            }
        }

        AuditQuery build() {
            return new AuditQuery(
                    resourceType, resourceId, resourceTarget, action, username, email, dateFrom,
                    dateTo, requestId, organization);
        }

        private Optional<String> oneOf(String key, String value, List<String> allowed) {
            String lower = value.toLowerCase(Locale.ROOT);
            if (allowed.contains(lower)) {
                return Optional.of(lower);
            }
            error(key, "Query param \"" + key + "\" has invalid value \"" + value + "\"");
            return Optional.empty();
        }

        private Optional<UUID> uuid(String key, String value) {
            if (UUID_TEXT.matcher(value).matches()) {
                return Optional.of(UUID.fromString(value));
            }
            error(key, "Query param \"" + key + "\" must be a valid uuid");
            return Optional.empty();
        }

        private Optional<LocalDate> date(String key, String value) {
            Matcher m = DATE_TEXT.matcher(value);
            if (m.matches()) {
                int year = Integer.parseInt(m.group(1));
                int month = Integer.parseInt(m.group(2));
                int day = Integer.parseInt(m.group(3));
                // Checked by hand rather than by catching LocalDate.of's exception:
                // 2024-02-30 is well-formed but not a calendar date.
                if (month >= 1 && month <= 12 && YearMonth.of(year, month).isValidDay(day)) {
                    return Optional.of(LocalDate.of(year, month, day));
                }
            }
            error(key, "Query param \"" + key + "\" must be a valid date format (2006-01-02)");
            return Optional.empty();
        }

        private void error(String field, String detail) {
            errors.add(new ValidationError(field, detail));
        }
    }
}
