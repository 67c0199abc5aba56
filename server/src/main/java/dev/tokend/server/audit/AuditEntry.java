package dev.tokend.server.audit;


import java.net.InetAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One audit row being assembled while a request is handled (reference §1.3, §6). The handler
 * fills in what it learns (target, diff, additional fields) and finally the status code, then
 * hands it to the store's {@code Auditor} inside its own transaction (success) or in a new one (failure).
 *
 * <p>Holds no secrets by construction: diffs are built by {@link Diffs}, which never includes
 * hashes or secret values.
 */
public final class AuditEntry {
    /** The nil UUID: an unknown actor or resource. */
    public static final UUID NIL = new UUID(0, 0);

    private final UUID requestId;
    private final InetAddress ip;
    private final String userAgent;
    private final String resourceType;
    private final String action;
    private UUID actor = NIL;
    private UUID organizationId = NIL;
    private UUID resourceId = NIL;
    private String resourceTarget = "";
    private Map<String, Object> diff = Map.of();
    private Map<String, Object> additionalFields = Map.of();

    public AuditEntry(UUID requestId, InetAddress ip, String userAgent, String resourceType, String action) {
        this.requestId = Objects.requireNonNull(requestId);
        this.ip = ip;
        this.userAgent = userAgent == null ? "" : truncate(userAgent, 256);
        this.resourceType = Objects.requireNonNull(resourceType);
        this.action = Objects.requireNonNull(action);
    }

    public AuditEntry actor(UUID userId) {
        this.actor = userId == null ? NIL : userId;
        return this;
    }

    public AuditEntry organization(UUID organizationId) {
        this.organizationId = organizationId == null ? NIL : organizationId;
        return this;
    }

    public AuditEntry resource(UUID resourceId, String target) {
        this.resourceId = resourceId == null ? NIL : resourceId;
        this.resourceTarget = target == null ? "" : target;
        return this;
    }

    public AuditEntry diff(Map<String, Object> diff) {
        this.diff = new LinkedHashMap<>(diff);
        return this;
    }

    public AuditEntry additionalFields(Map<String, Object> fields) {
        this.additionalFields = new LinkedHashMap<>(fields);
        return this;
    }

    /** The finished row with its status code and time. */
    public Row complete(int statusCode, Instant time) {
        return new Row(UUID.randomUUID(), time, actor, organizationId, ip == null ? null : ip.getHostAddress(),
                userAgent, resourceType, resourceId, resourceTarget, action, Map.copyOf(diff), statusCode,
                Map.copyOf(additionalFields), requestId);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    /** The values inserted into {@code audit_logs}. */
    public record Row(UUID id, Instant time, UUID userId, UUID organizationId, String ip, String userAgent,
            String resourceType, UUID resourceId, String resourceTarget, String action, Map<String, Object> diff,
            int statusCode, Map<String, Object> additionalFields, UUID requestId) {}
}
