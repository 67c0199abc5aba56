package dev.tokend.sdk.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.tokend.sdk.model.AuthorizationRequest;
import dev.tokend.sdk.model.ScopeCatalog;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** JSON of {@code POST /api/v2/authcheck} and {@code GET /api/v2/auth/scopes}. */
public final class AuthorizationJson {
    private AuthorizationJson() {}

    public static AuthorizationRequest readAuthorizationRequest(JsonParser p) throws IOException {
        if (!JsonRead.startObject(p)) {
            return null;
        }
        Map<String, AuthorizationRequest.Check> checks = null;
        while (JsonRead.nextField(p)) {
            if (p.currentName().equals("checks")) {
                checks = JsonRead.map(p, AuthorizationJson::readCheck);
            } else {
                p.skipChildren();
            }
        }
        return new AuthorizationRequest(checks);
    }

    public static void write(JsonGenerator g, AuthorizationRequest r) throws IOException {
        g.writeStartObject();
        JsonWrite.map(g, "checks", r.checks(), AuthorizationJson::write);
        g.writeEndObject();
    }

    public static AuthorizationRequest.Check readCheck(JsonParser p) throws IOException {
        if (!JsonRead.startObject(p)) {
            return null;
        }
        AuthorizationRequest.AuthObject object = null;
        String action = null;
        while (JsonRead.nextField(p)) {
            switch (p.currentName()) {
                case "object" -> object = readAuthObject(p);
                case "action" -> action = JsonRead.string(p);
                default -> p.skipChildren();
            }
        }
        return new AuthorizationRequest.Check(object, action);
    }

    public static void write(JsonGenerator g, AuthorizationRequest.Check c) throws IOException {
        g.writeStartObject();
        JsonWrite.object(g, "object", c.object(), AuthorizationJson::write);
        g.writeStringField("action", c.action());
        g.writeEndObject();
    }

    public static AuthorizationRequest.AuthObject readAuthObject(JsonParser p) throws IOException {
        if (!JsonRead.startObject(p)) {
            return null;
        }
        String resourceType = null;
        String ownerId = null;
        String organizationId = null;
        String resourceId = null;
        while (JsonRead.nextField(p)) {
            switch (p.currentName()) {
                case "resource_type" -> resourceType = JsonRead.string(p);
                case "owner_id" -> ownerId = JsonRead.string(p);
                case "organization_id" -> organizationId = JsonRead.string(p);
                case "resource_id" -> resourceId = JsonRead.string(p);
                default -> p.skipChildren();
            }
        }
        return new AuthorizationRequest.AuthObject(resourceType, ownerId, organizationId, resourceId);
    }

    /** Null fields are left out ({@code NON_NULL}): an absent field means "any". */
    public static void write(JsonGenerator g, AuthorizationRequest.AuthObject o) throws IOException {
        g.writeStartObject();
        if (o.resourceType() != null) {
            g.writeStringField("resource_type", o.resourceType());
        }
        if (o.ownerId() != null) {
            g.writeStringField("owner_id", o.ownerId());
        }
        if (o.organizationId() != null) {
            g.writeStringField("organization_id", o.organizationId());
        }
        if (o.resourceId() != null) {
            g.writeStringField("resource_id", o.resourceId());
        }
        g.writeEndObject();
    }

    /** The answer of {@code POST /api/v2/authcheck}: each check's name and whether it is allowed. */
    public static Map<String, Boolean> readAnswer(JsonParser p) throws IOException {
        return JsonRead.map(p, JsonRead::boolOrNull);
    }

    public static ScopeCatalog readScopeCatalog(JsonParser p) throws IOException {
        if (!JsonRead.startObject(p)) {
            return null;
        }
        List<String> external = null;
        while (JsonRead.nextField(p)) {
            if (p.currentName().equals("external")) {
                external = JsonRead.strings(p);
            } else {
                p.skipChildren();
            }
        }
        return new ScopeCatalog(external);
    }

    public static void write(JsonGenerator g, ScopeCatalog c) throws IOException {
        g.writeStartObject();
        JsonWrite.strings(g, "external", c.external());
        g.writeEndObject();
    }
}
