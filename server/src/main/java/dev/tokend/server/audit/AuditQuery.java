package dev.tokend.server.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A parsed audit search (spec §2.4 {@code q}); produced by {@link AuditQueryParser}. Every filter
 * is an {@link Optional}: empty means "do not filter on this". Enumerated values
 * ({@code resource_type}, {@code action}) are lower case and drawn from {@link #RESOURCE_TYPES}
 * and {@link #ACTIONS}. {@code username} may be the literal {@code me}, which the caller resolves
 * to the authenticated user. {@code build_reason} is accepted by the parser but not kept: tokend
 * has no workspace builds.
 */
public record AuditQuery(
        Optional<String> resourceType,
        Optional<UUID> resourceId,
        Optional<String> resourceTarget,
        Optional<String> action,
        Optional<String> username,
        Optional<String> email,
        Optional<LocalDate> dateFrom,
        Optional<LocalDate> dateTo,
        Optional<UUID> requestId,
        Optional<String> organization) {

    /** The {@code username} value that stands for the caller. */
    public static final String ME = "me";

    /** Audit resource types a query may filter on (the reference's names, §2.4, §6). */
    public static final List<String> RESOURCE_TYPES =
            List.of(
                    "api_key",
                    "user",
                    "organization",
                    "oauth2_provider_app",
                    "oauth2_provider_app_secret",
                    "audit_log",
                    "workspace",
                    "template",
                    "template_version",
                    "group",
                    "license",
                    "convert_login",
                    "health_settings",
                    "notifications_settings");

    /** Audit actions a query may filter on (the reference's names, §6). */
    public static final List<String> ACTIONS =
            List.of(
                    "create",
                    "write",
                    "delete",
                    "start",
                    "stop",
                    "login",
                    "logout",
                    "register",
                    "request_password_reset",
                    "connect",
                    "disconnect",
                    "open",
                    "close");

    /** The query that filters nothing (an empty or blank {@code q}). */
    public static final AuditQuery EMPTY =
            new AuditQuery(
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty());

    /** Components are never null; use {@link Optional#empty()} for "no filter". */
    public AuditQuery {
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(resourceTarget, "resourceTarget");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(dateFrom, "dateFrom");
        Objects.requireNonNull(dateTo, "dateTo");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(organization, "organization");
    }

    /** Start of {@code date_from} in UTC: rows with {@code time >= } this match. */
    public Optional<Instant> fromInclusive() {
        return dateFrom.map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /**
     * Start of the day after {@code date_to} in UTC: rows with {@code time < } this match, which
     * makes {@code date_to} inclusive to the end of that day (§2.4) without a 23:59:59 edge case.
     */
    public Optional<Instant> toExclusive() {
        return dateTo.map(d -> d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }
}
