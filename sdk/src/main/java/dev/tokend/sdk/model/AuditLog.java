package dev.tokend.sdk.model;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One audit log entry (reference §2.4). {@code user} is the actor, null when unknown. */
public record AuditLog(
        UUID id,
        UUID requestId,
        Instant time,
        String ip,
        String userAgent,
        String resourceType,
        UUID resourceId,
        String resourceTarget,
        String resourceIcon,
        String action,
        Map<String, AuditDiffField> diff,
        int statusCode,
        Map<String, Object> additionalFields,
        String description,
        String resourceLink,
        boolean isDeleted,
        UUID organizationId,
        User user) {}
