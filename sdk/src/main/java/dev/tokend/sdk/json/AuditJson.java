package dev.tokend.sdk.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.tokend.sdk.model.AuditDiffField;
import dev.tokend.sdk.model.AuditLog;
import dev.tokend.sdk.model.AuditLogResponse;
import dev.tokend.sdk.model.User;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * JSON of the audit log ({@code GET /api/v2/audit}). A diff's old and new values and the entry's
 * additional fields are untyped: they are read as plain maps, lists, strings, numbers and
 * booleans, as databind reads {@code Object}, and written back the same way.
 */
public final class AuditJson {
    private AuditJson() {}

    public static AuditLogResponse readAuditLogResponse(JsonParser p) throws IOException {
        if (!JsonRead.startObject(p)) {
            return null;
        }
        List<AuditLog> auditLogs = null;
        long count = 0;
        while (JsonRead.nextField(p)) {
            switch (p.currentName()) {
                case "audit_logs" -> auditLogs = JsonRead.list(p, AuditJson::readAuditLog);
                case "count" -> count = JsonRead.int64(p);
                default -> p.skipChildren();
            }
        }
        return new AuditLogResponse(auditLogs, count);
    }

    public static void write(JsonGenerator g, AuditLogResponse r) throws IOException {
        g.writeStartObject();
        JsonWrite.list(g, "audit_logs", r.auditLogs(), AuditJson::write);
        g.writeNumberField("count", r.count());
        g.writeEndObject();
    }

    public static AuditLog readAuditLog(JsonParser p) throws IOException {
        if (!JsonRead.startObject(p)) {
            return null;
        }
        UUID id = null;
        UUID requestId = null;
        Instant time = null;
        String ip = null;
        String userAgent = null;
        String resourceType = null;
        UUID resourceId = null;
        String resourceTarget = null;
        String resourceIcon = null;
        String action = null;
        Map<String, AuditDiffField> diff = null;
        int statusCode = 0;
        Map<String, Object> additionalFields = null;
        String description = null;
        String resourceLink = null;
        boolean isDeleted = false;
        UUID organizationId = null;
        User user = null;
        while (JsonRead.nextField(p)) {
            switch (p.currentName()) {
                case "id" -> id = JsonRead.uuid(p);
                case "request_id" -> requestId = JsonRead.uuid(p);
                case "time" -> time = JsonRead.instant(p);
                case "ip" -> ip = JsonRead.string(p);
                case "user_agent" -> userAgent = JsonRead.string(p);
                case "resource_type" -> resourceType = JsonRead.string(p);
                case "resource_id" -> resourceId = JsonRead.uuid(p);
                case "resource_target" -> resourceTarget = JsonRead.string(p);
                case "resource_icon" -> resourceIcon = JsonRead.string(p);
                case "action" -> action = JsonRead.string(p);
                case "diff" -> diff = JsonRead.map(p, AuditJson::readDiffField);
                case "status_code" -> statusCode = JsonRead.int32(p);
                case "additional_fields" -> additionalFields = JsonRead.map(p, JsonRead::any);
                case "description" -> description = JsonRead.string(p);
                case "resource_link" -> resourceLink = JsonRead.string(p);
                case "is_deleted" -> isDeleted = JsonRead.bool(p);
                case "organization_id" -> organizationId = JsonRead.uuid(p);
                case "user" -> user = UserJson.readUser(p);
                default -> p.skipChildren();
            }
        }
        return new AuditLog(id, requestId, time, ip, userAgent, resourceType, resourceId, resourceTarget,
                resourceIcon, action, diff, statusCode, additionalFields, description, resourceLink, isDeleted,
                organizationId, user);
    }

    /**
     * @throws IllegalArgumentException when an untyped value is not a plain JSON value (see the
     *     class comment), which a log read from the server never has
     */
    public static void write(JsonGenerator g, AuditLog a) throws IOException {
        g.writeStartObject();
        JsonWrite.uuid(g, "id", a.id());
        JsonWrite.uuid(g, "request_id", a.requestId());
        JsonWrite.instant(g, "time", a.time());
        g.writeStringField("ip", a.ip());
        g.writeStringField("user_agent", a.userAgent());
        g.writeStringField("resource_type", a.resourceType());
        JsonWrite.uuid(g, "resource_id", a.resourceId());
        g.writeStringField("resource_target", a.resourceTarget());
        g.writeStringField("resource_icon", a.resourceIcon());
        g.writeStringField("action", a.action());
        JsonWrite.map(g, "diff", a.diff(), AuditJson::write);
        g.writeNumberField("status_code", a.statusCode());
        JsonWrite.map(g, "additional_fields", a.additionalFields(), JsonWrite::any);
        g.writeStringField("description", a.description());
        g.writeStringField("resource_link", a.resourceLink());
        g.writeBooleanField("is_deleted", a.isDeleted());
        JsonWrite.uuid(g, "organization_id", a.organizationId());
        JsonWrite.object(g, "user", a.user(), UserJson::write);
        g.writeEndObject();
    }

    /** NOTE: the new value is {@code new} on the wire (a Java keyword, hence {@code newValue}). */
    public static AuditDiffField readDiffField(JsonParser p) throws IOException {
        if (!JsonRead.startObject(p)) {
            return null;
        }
        Object old = null;
        Object newValue = null;
        boolean secret = false;
        while (JsonRead.nextField(p)) {
            switch (p.currentName()) {
                case "old" -> old = JsonRead.any(p);
                case "new" -> newValue = JsonRead.any(p);
                case "secret" -> secret = JsonRead.bool(p);
                default -> p.skipChildren();
            }
        }
        return new AuditDiffField(old, newValue, secret);
    }

    public static void write(JsonGenerator g, AuditDiffField d) throws IOException {
        g.writeStartObject();
        g.writeFieldName("old");
        JsonWrite.any(g, d.old());
        g.writeFieldName("new");
        JsonWrite.any(g, d.newValue());
        g.writeBooleanField("secret", d.secret());
        g.writeEndObject();
    }
}
