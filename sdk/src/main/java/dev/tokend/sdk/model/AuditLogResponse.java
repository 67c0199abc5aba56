package dev.tokend.sdk.model;

import java.util.List;

/** {@code GET /api/v2/audit}: one page of entries, newest first, and the total matching the query. */
public record AuditLogResponse(List<AuditLog> auditLogs, long count) {}
