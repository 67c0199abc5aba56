package dev.tokend.sdk.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.tokend.sdk.model.OAuth2ErrorResponse;
import dev.tokend.sdk.model.OAuth2ProviderApp;
import dev.tokend.sdk.model.OAuth2ProviderAppSecret;
import dev.tokend.sdk.model.OAuth2ProviderAppSecretFull;
import dev.tokend.sdk.model.PostOAuth2ProviderAppRequest;
import dev.tokend.sdk.model.PutOAuth2ProviderAppRequest;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** JSON of the OAuth2 apps API ({@code /api/v2/oauth2-provider}) and of the OAuth2 endpoints' errors. */
public final class OAuth2Json {
    private OAuth2Json() {}

    public static OAuth2ProviderApp readApp(JsonParser p) throws IOException {
        if (!JsonRead.startObject(p)) {
            return null;
        }
        UUID id = null;
        String name = null;
        String callbackUrl = null;
        String icon = null;
        List<String> redirectUris = null;
        String clientType = null;
        List<String> grantTypes = null;
        List<String> scopes = null;
        boolean dynamicallyRegistered = false;
        Instant createdAt = null;
        OAuth2ProviderApp.Endpoints endpoints = null;
        while (JsonRead.nextField(p)) {
            switch (p.currentName()) {
                case "id" -> id = JsonRead.uuid(p);
                case "name" -> name = JsonRead.string(p);
                case "callback_url" -> callbackUrl = JsonRead.string(p);
                case "icon" -> icon = JsonRead.string(p);
                case "redirect_uris" -> redirectUris = JsonRead.strings(p);
                case "client_type" -> clientType = JsonRead.string(p);
                case "grant_types" -> grantTypes = JsonRead.strings(p);
                case "scopes" -> scopes = JsonRead.strings(p);
                case "dynamically_registered" -> dynamicallyRegistered = JsonRead.bool(p);
                case "created_at" -> createdAt = JsonRead.instant(p);
                case "endpoints" -> endpoints = readEndpoints(p);
                default -> p.skipChildren();
            }
        }
        return new OAuth2ProviderApp(id, name, callbackUrl, icon, redirectUris, clientType, grantTypes, scopes,
                dynamicallyRegistered, createdAt, endpoints);
    }

    public static void write(JsonGenerator g, OAuth2ProviderApp a) throws IOException {
        g.writeStartObject();
        JsonWrite.uuid(g, "id", a.id());
        g.writeStringField("name", a.name());
        g.writeStringField("callback_url", a.callbackUrl());
        g.writeStringField("icon", a.icon());
        JsonWrite.strings(g, "redirect_uris", a.redirectUris());
        g.writeStringField("client_type", a.clientType());
        JsonWrite.strings(g, "grant_types", a.grantTypes());
        JsonWrite.strings(g, "scopes", a.scopes());
        g.writeBooleanField("dynamically_registered", a.dynamicallyRegistered());
        JsonWrite.instant(g, "created_at", a.createdAt());
        JsonWrite.object(g, "endpoints", a.endpoints(), OAuth2Json::write);
        g.writeEndObject();
    }

    public static OAuth2ProviderApp.Endpoints readEndpoints(JsonParser p) throws IOException {
        if (!JsonRead.startObject(p)) {
            return null;
        }
        String authorization = null;
        String token = null;
        String deviceAuthorization = null;
        while (JsonRead.nextField(p)) {
            switch (p.currentName()) {
                case "authorization" -> authorization = JsonRead.string(p);
                case "token" -> token = JsonRead.string(p);
                case "device_authorization" -> deviceAuthorization = JsonRead.string(p);
                default -> p.skipChildren();
            }
        }
        return new OAuth2ProviderApp.Endpoints(authorization, token, deviceAuthorization);
    }

    public static void write(JsonGenerator g, OAuth2ProviderApp.Endpoints e) throws IOException {
        g.writeStartObject();
        g.writeStringField("authorization", e.authorization());
        g.writeStringField("token", e.token());
        g.writeStringField("device_authorization", e.deviceAuthorization());
        g.writeEndObject();
    }

    public static OAuth2ProviderAppSecret readSecret(JsonParser p) throws IOException {
        if (!JsonRead.startObject(p)) {
            return null;
        }
        String id = null;
        Instant lastUsedAt = null;
        String clientSecretTruncated = null;
        while (JsonRead.nextField(p)) {
            switch (p.currentName()) {
                case "id" -> id = JsonRead.string(p);
                case "last_used_at" -> lastUsedAt = JsonRead.instant(p);
                case "client_secret_truncated" -> clientSecretTruncated = JsonRead.string(p);
                default -> p.skipChildren();
            }
        }
        return new OAuth2ProviderAppSecret(id, lastUsedAt, clientSecretTruncated);
    }

    public static void write(JsonGenerator g, OAuth2ProviderAppSecret s) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", s.id());
        JsonWrite.instant(g, "last_used_at", s.lastUsedAt());
        g.writeStringField("client_secret_truncated", s.clientSecretTruncated());
        g.writeEndObject();
    }

    public static OAuth2ProviderAppSecretFull readSecretFull(JsonParser p) throws IOException {
        if (!JsonRead.startObject(p)) {
            return null;
        }
        String id = null;
        String clientSecretFull = null;
        while (JsonRead.nextField(p)) {
            switch (p.currentName()) {
                case "id" -> id = JsonRead.string(p);
                case "client_secret_full" -> clientSecretFull = JsonRead.string(p);
                default -> p.skipChildren();
            }
        }
        return new OAuth2ProviderAppSecretFull(id, clientSecretFull);
    }

    public static void write(JsonGenerator g, OAuth2ProviderAppSecretFull s) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", s.id());
        g.writeStringField("client_secret_full", s.clientSecretFull());
        g.writeEndObject();
    }

    public static PostOAuth2ProviderAppRequest readPostAppRequest(JsonParser p) throws IOException {
        if (!JsonRead.startObject(p)) {
            return null;
        }
        String name = null;
        String callbackUrl = null;
        String icon = null;
        List<String> redirectUris = null;
        String clientType = null;
        List<String> grantTypes = null;
        List<String> scopes = null;
        while (JsonRead.nextField(p)) {
            switch (p.currentName()) {
                case "name" -> name = JsonRead.string(p);
                case "callback_url" -> callbackUrl = JsonRead.string(p);
                case "icon" -> icon = JsonRead.string(p);
                case "redirect_uris" -> redirectUris = JsonRead.strings(p);
                case "client_type" -> clientType = JsonRead.string(p);
                case "grant_types" -> grantTypes = JsonRead.strings(p);
                case "scopes" -> scopes = JsonRead.strings(p);
                default -> p.skipChildren();
            }
        }
        return new PostOAuth2ProviderAppRequest(name, callbackUrl, icon, redirectUris, clientType, grantTypes, scopes);
    }

    public static void write(JsonGenerator g, PostOAuth2ProviderAppRequest r) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", r.name());
        g.writeStringField("callback_url", r.callbackUrl());
        g.writeStringField("icon", r.icon());
        JsonWrite.strings(g, "redirect_uris", r.redirectUris());
        g.writeStringField("client_type", r.clientType());
        JsonWrite.strings(g, "grant_types", r.grantTypes());
        JsonWrite.strings(g, "scopes", r.scopes());
        g.writeEndObject();
    }

    public static PutOAuth2ProviderAppRequest readPutAppRequest(JsonParser p) throws IOException {
        if (!JsonRead.startObject(p)) {
            return null;
        }
        String name = null;
        String callbackUrl = null;
        String icon = null;
        List<String> redirectUris = null;
        List<String> grantTypes = null;
        List<String> scopes = null;
        while (JsonRead.nextField(p)) {
            switch (p.currentName()) {
                case "name" -> name = JsonRead.string(p);
                case "callback_url" -> callbackUrl = JsonRead.string(p);
                case "icon" -> icon = JsonRead.string(p);
                case "redirect_uris" -> redirectUris = JsonRead.strings(p);
                case "grant_types" -> grantTypes = JsonRead.strings(p);
                case "scopes" -> scopes = JsonRead.strings(p);
                default -> p.skipChildren();
            }
        }
        return new PutOAuth2ProviderAppRequest(name, callbackUrl, icon, redirectUris, grantTypes, scopes);
    }

    public static void write(JsonGenerator g, PutOAuth2ProviderAppRequest r) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", r.name());
        g.writeStringField("callback_url", r.callbackUrl());
        g.writeStringField("icon", r.icon());
        JsonWrite.strings(g, "redirect_uris", r.redirectUris());
        JsonWrite.strings(g, "grant_types", r.grantTypes());
        JsonWrite.strings(g, "scopes", r.scopes());
        g.writeEndObject();
    }

    public static OAuth2ErrorResponse readErrorResponse(JsonParser p) throws IOException {
        if (!JsonRead.startObject(p)) {
            return null;
        }
        String error = null;
        String errorDescription = null;
        while (JsonRead.nextField(p)) {
            switch (p.currentName()) {
                case "error" -> error = JsonRead.string(p);
                case "error_description" -> errorDescription = JsonRead.string(p);
                default -> p.skipChildren();
            }
        }
        return new OAuth2ErrorResponse(error, errorDescription);
    }

    /** {@code error_description} is left out when empty ({@code NON_EMPTY}). */
    public static void write(JsonGenerator g, OAuth2ErrorResponse r) throws IOException {
        g.writeStartObject();
        g.writeStringField("error", r.error());
        if (r.errorDescription() != null && !r.errorDescription().isEmpty()) {
            g.writeStringField("error_description", r.errorDescription());
        }
        g.writeEndObject();
    }
}
