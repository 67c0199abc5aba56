package dev.tokend.sdk.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.tokend.sdk.model.AllowListTarget;
import dev.tokend.sdk.model.ApiKey;
import dev.tokend.sdk.model.ApiKeyWithOwner;
import dev.tokend.sdk.model.CreateTokenRequest;
import dev.tokend.sdk.model.GenerateApiKeyResponse;
import dev.tokend.sdk.model.TokenConfig;
import dev.tokend.sdk.model.UpdateTokenRequest;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** JSON of API keys and named tokens: {@link ApiKey}, its listing form and the token requests. */
public final class ApiKeyJson {
    private ApiKeyJson() {}

    /** The fields {@link ApiKey} and {@link ApiKeyWithOwner} share, and the latter's {@code username}. */
    private static final class KeyFields {
        String id;
        UUID userId;
        Instant lastUsed;
        Instant expiresAt;
        Instant createdAt;
        Instant updatedAt;
        String loginType;
        String scope;
        List<String> scopes;
        String tokenName;
        long lifetimeSeconds;
        List<AllowListTarget> allowList;
        String username;

        ApiKey apiKey() {
            return new ApiKey(id, userId, lastUsed, expiresAt, createdAt, updatedAt, loginType, scope, scopes,
                    tokenName, lifetimeSeconds, allowList);
        }
    }

    /** {@code username} is read only {@code withOwner}: for a plain key it is an unknown field, skipped. */
    private static KeyFields readKeyFields(JsonParser p, boolean withOwner) throws IOException {
        if (!JsonRead.startObject(p)) {
            return null;
        }
        KeyFields k = new KeyFields();
        while (JsonRead.nextField(p)) {
            switch (p.currentName()) {
                case "id" -> k.id = JsonRead.string(p);
                case "user_id" -> k.userId = JsonRead.uuid(p);
                case "last_used" -> k.lastUsed = JsonRead.instant(p);
                case "expires_at" -> k.expiresAt = JsonRead.instant(p);
                case "created_at" -> k.createdAt = JsonRead.instant(p);
                case "updated_at" -> k.updatedAt = JsonRead.instant(p);
                case "login_type" -> k.loginType = JsonRead.string(p);
                case "scope" -> k.scope = JsonRead.string(p);
                case "scopes" -> k.scopes = JsonRead.strings(p);
                case "token_name" -> k.tokenName = JsonRead.string(p);
                case "lifetime_seconds" -> k.lifetimeSeconds = JsonRead.int64(p);
                case "allow_list" -> k.allowList = JsonRead.list(p, ApiKeyJson::readAllowListTarget);
                case "username" -> {
                    if (withOwner) {
                        k.username = JsonRead.string(p);
                    } else {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
        return k;
    }

    public static ApiKey readApiKey(JsonParser p) throws IOException {
        KeyFields k = readKeyFields(p, false);
        return k == null ? null : k.apiKey();
    }

    public static ApiKeyWithOwner readApiKeyWithOwner(JsonParser p) throws IOException {
        KeyFields k = readKeyFields(p, true);
        return k == null ? null : ApiKeyWithOwner.of(k.apiKey(), k.username);
    }

    public static void write(JsonGenerator g, ApiKey k) throws IOException {
        g.writeStartObject();
        writeFields(g, k);
        g.writeEndObject();
    }

    public static void write(JsonGenerator g, ApiKeyWithOwner k) throws IOException {
        g.writeStartObject();
        writeFields(g, k.apiKey());
        g.writeStringField("username", k.username());
        g.writeEndObject();
    }

    /**
     * The key's fields without the object around them, for answers that add fields to a key (the
     * CLI's {@code tokens create -o json} adds the secret as {@code key}).
     */
    public static void writeFields(JsonGenerator g, ApiKey k) throws IOException {
        g.writeStringField("id", k.id());
        JsonWrite.uuid(g, "user_id", k.userId());
        JsonWrite.instant(g, "last_used", k.lastUsed());
        JsonWrite.instant(g, "expires_at", k.expiresAt());
        JsonWrite.instant(g, "created_at", k.createdAt());
        JsonWrite.instant(g, "updated_at", k.updatedAt());
        g.writeStringField("login_type", k.loginType());
        g.writeStringField("scope", k.scope());
        JsonWrite.strings(g, "scopes", k.scopes());
        g.writeStringField("token_name", k.tokenName());
        g.writeNumberField("lifetime_seconds", k.lifetimeSeconds());
        JsonWrite.list(g, "allow_list", k.allowList(), ApiKeyJson::write);
    }

    /**
     * Both fields are required (the record refuses nulls). The {@code "<type>:<id>"} string form, which
     * the server also takes in requests, fails here as it does with databind.
     */
    public static AllowListTarget readAllowListTarget(JsonParser p) throws IOException {
        if (!JsonRead.startObject(p)) {
            return null;
        }
        String type = null;
        String id = null;
        while (JsonRead.nextField(p)) {
            switch (p.currentName()) {
                case "type" -> type = JsonRead.string(p);
                case "id" -> id = JsonRead.string(p);
                default -> p.skipChildren();
            }
        }
        if (type == null || id == null) {
            throw JsonRead.missing(p, "allow_list entry", type == null ? "type" : "id");
        }
        return new AllowListTarget(type, id);
    }

    public static void write(JsonGenerator g, AllowListTarget t) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", t.type());
        g.writeStringField("id", t.id());
        g.writeEndObject();
    }

    public static CreateTokenRequest readCreateTokenRequest(JsonParser p) throws IOException {
        if (!JsonRead.startObject(p)) {
            return null;
        }
        long lifetime = 0;
        String scope = null;
        List<String> scopes = null;
        String tokenName = null;
        List<AllowListTarget> allowList = null;
        while (JsonRead.nextField(p)) {
            switch (p.currentName()) {
                case "lifetime" -> lifetime = JsonRead.int64(p);
                case "scope" -> scope = JsonRead.string(p);
                case "scopes" -> scopes = JsonRead.strings(p);
                case "token_name" -> tokenName = JsonRead.string(p);
                case "allow_list" -> allowList = JsonRead.list(p, ApiKeyJson::readAllowListTarget);
                default -> p.skipChildren();
            }
        }
        return new CreateTokenRequest(lifetime, scope, scopes, tokenName, allowList);
    }

    /** Null fields are left out ({@code NON_NULL}); {@code lifetime} is a number and always written. */
    public static void write(JsonGenerator g, CreateTokenRequest r) throws IOException {
        g.writeStartObject();
        g.writeNumberField("lifetime", r.lifetime());
        if (r.scope() != null) {
            g.writeStringField("scope", r.scope());
        }
        if (r.scopes() != null) {
            JsonWrite.strings(g, "scopes", r.scopes());
        }
        if (r.tokenName() != null) {
            g.writeStringField("token_name", r.tokenName());
        }
        if (r.allowList() != null) {
            JsonWrite.list(g, "allow_list", r.allowList(), ApiKeyJson::write);
        }
        g.writeEndObject();
    }

    public static UpdateTokenRequest readUpdateTokenRequest(JsonParser p) throws IOException {
        if (!JsonRead.startObject(p)) {
            return null;
        }
        String scope = null;
        List<String> scopes = null;
        List<AllowListTarget> allowList = null;
        Long lifetime = null;
        while (JsonRead.nextField(p)) {
            switch (p.currentName()) {
                case "scope" -> scope = JsonRead.string(p);
                case "scopes" -> scopes = JsonRead.strings(p);
                case "allow_list" -> allowList = JsonRead.list(p, ApiKeyJson::readAllowListTarget);
                case "lifetime" -> lifetime = JsonRead.int64OrNull(p);
                default -> p.skipChildren();
            }
        }
        return new UpdateTokenRequest(scope, scopes, allowList, lifetime);
    }

    /** Null fields are left out ({@code NON_NULL}): null means "unchanged". */
    public static void write(JsonGenerator g, UpdateTokenRequest r) throws IOException {
        g.writeStartObject();
        if (r.scope() != null) {
            g.writeStringField("scope", r.scope());
        }
        if (r.scopes() != null) {
            JsonWrite.strings(g, "scopes", r.scopes());
        }
        if (r.allowList() != null) {
            JsonWrite.list(g, "allow_list", r.allowList(), ApiKeyJson::write);
        }
        if (r.lifetime() != null) {
            g.writeNumberField("lifetime", r.lifetime());
        }
        g.writeEndObject();
    }

    public static GenerateApiKeyResponse readGenerateApiKeyResponse(JsonParser p) throws IOException {
        if (!JsonRead.startObject(p)) {
            return null;
        }
        String key = null;
        while (JsonRead.nextField(p)) {
            if (p.currentName().equals("key")) {
                key = JsonRead.string(p);
            } else {
                p.skipChildren();
            }
        }
        return new GenerateApiKeyResponse(key);
    }

    public static void write(JsonGenerator g, GenerateApiKeyResponse r) throws IOException {
        g.writeStartObject();
        g.writeStringField("key", r.key());
        g.writeEndObject();
    }

    public static TokenConfig readTokenConfig(JsonParser p) throws IOException {
        if (!JsonRead.startObject(p)) {
            return null;
        }
        long maxTokenLifetime = 0;
        while (JsonRead.nextField(p)) {
            if (p.currentName().equals("max_token_lifetime")) {
                maxTokenLifetime = JsonRead.int64(p);
            } else {
                p.skipChildren();
            }
        }
        return new TokenConfig(maxTokenLifetime);
    }

    public static void write(JsonGenerator g, TokenConfig c) throws IOException {
        g.writeStartObject();
        g.writeNumberField("max_token_lifetime", c.maxTokenLifetime());
        g.writeEndObject();
    }
}
