package dev.tokend.sdk.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.tokend.sdk.model.BuildInfo;
import dev.tokend.sdk.model.Response;
import dev.tokend.sdk.model.ValidationError;
import java.io.IOException;
import java.util.List;

/** JSON of the API's common bodies: {@link Response} (errors and plain messages) and {@link BuildInfo}. */
public final class CommonJson {
    private CommonJson() {}

    public static Response readResponse(JsonParser p) throws IOException {
        if (!JsonRead.startObject(p)) {
            return null;
        }
        String message = null;
        String detail = null;
        List<ValidationError> validations = null;
        while (JsonRead.nextField(p)) {
            switch (p.currentName()) {
                case "message" -> message = JsonRead.string(p);
                case "detail" -> detail = JsonRead.string(p);
                case "validations" -> validations = JsonRead.list(p, CommonJson::readValidationError);
                default -> p.skipChildren();
            }
        }
        return new Response(message, detail, validations);
    }

    /** {@code detail} and {@code validations} are left out when empty ({@code NON_EMPTY}). */
    public static void write(JsonGenerator g, Response r) throws IOException {
        g.writeStartObject();
        g.writeStringField("message", r.message());
        if (r.detail() != null && !r.detail().isEmpty()) {
            g.writeStringField("detail", r.detail());
        }
        if (!r.validations().isEmpty()) {
            JsonWrite.list(g, "validations", r.validations(), CommonJson::write);
        }
        g.writeEndObject();
    }

    public static ValidationError readValidationError(JsonParser p) throws IOException {
        if (!JsonRead.startObject(p)) {
            return null;
        }
        String field = null;
        String detail = null;
        while (JsonRead.nextField(p)) {
            switch (p.currentName()) {
                case "field" -> field = JsonRead.string(p);
                case "detail" -> detail = JsonRead.string(p);
                default -> p.skipChildren();
            }
        }
        return new ValidationError(field, detail);
    }

    public static void write(JsonGenerator g, ValidationError v) throws IOException {
        g.writeStartObject();
        g.writeStringField("field", v.field());
        g.writeStringField("detail", v.detail());
        g.writeEndObject();
    }

    public static BuildInfo readBuildInfo(JsonParser p) throws IOException {
        if (!JsonRead.startObject(p)) {
            return null;
        }
        String externalUrl = null;
        String version = null;
        String dashboardUrl = null;
        boolean telemetry = false;
        boolean workspaceProxy = false;
        String upgradeMessage = null;
        String deploymentId = null;
        while (JsonRead.nextField(p)) {
            switch (p.currentName()) {
                case "external_url" -> externalUrl = JsonRead.string(p);
                case "version" -> version = JsonRead.string(p);
                case "dashboard_url" -> dashboardUrl = JsonRead.string(p);
                case "telemetry" -> telemetry = JsonRead.bool(p);
                case "workspace_proxy" -> workspaceProxy = JsonRead.bool(p);
                case "upgrade_message" -> upgradeMessage = JsonRead.string(p);
                case "deployment_id" -> deploymentId = JsonRead.string(p);
                default -> p.skipChildren();
            }
        }
        return new BuildInfo(externalUrl, version, dashboardUrl, telemetry, workspaceProxy, upgradeMessage,
                deploymentId);
    }

    public static void write(JsonGenerator g, BuildInfo b) throws IOException {
        g.writeStartObject();
        g.writeStringField("external_url", b.externalUrl());
        g.writeStringField("version", b.version());
        g.writeStringField("dashboard_url", b.dashboardUrl());
        g.writeBooleanField("telemetry", b.telemetry());
        g.writeBooleanField("workspace_proxy", b.workspaceProxy());
        g.writeStringField("upgrade_message", b.upgradeMessage());
        g.writeStringField("deployment_id", b.deploymentId());
        g.writeEndObject();
    }
}
