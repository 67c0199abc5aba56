package dev.tokend.sdk.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.tokend.sdk.model.AuthMethods;
import dev.tokend.sdk.model.CreateFirstUserRequest;
import dev.tokend.sdk.model.CreateFirstUserResponse;
import dev.tokend.sdk.model.LoginWithPasswordRequest;
import dev.tokend.sdk.model.LoginWithPasswordResponse;
import java.io.IOException;
import java.util.UUID;

/** JSON of signing in: the first user, the sign-in methods and password login. */
public final class LoginJson {
    private LoginJson() {}

    public static CreateFirstUserRequest readCreateFirstUserRequest(JsonParser p) throws IOException {
        if (!JsonRead.startObject(p)) {
            return null;
        }
        String email = null;
        String username = null;
        String name = null;
        String password = null;
        Boolean trial = null;
        while (JsonRead.nextField(p)) {
            switch (p.currentName()) {
                case "email" -> email = JsonRead.string(p);
                case "username" -> username = JsonRead.string(p);
                case "name" -> name = JsonRead.string(p);
                case "password" -> password = JsonRead.string(p);
                case "trial" -> trial = JsonRead.boolOrNull(p);
                default -> p.skipChildren();
            }
        }
        return new CreateFirstUserRequest(email, username, name, password, trial);
    }

    public static void write(JsonGenerator g, CreateFirstUserRequest r) throws IOException {
        g.writeStartObject();
        g.writeStringField("email", r.email());
        g.writeStringField("username", r.username());
        g.writeStringField("name", r.name());
        g.writeStringField("password", r.password());
        JsonWrite.bool(g, "trial", r.trial());
        g.writeEndObject();
    }

    public static CreateFirstUserResponse readCreateFirstUserResponse(JsonParser p) throws IOException {
        if (!JsonRead.startObject(p)) {
            return null;
        }
        UUID userId = null;
        UUID organizationId = null;
        while (JsonRead.nextField(p)) {
            switch (p.currentName()) {
                case "user_id" -> userId = JsonRead.uuid(p);
                case "organization_id" -> organizationId = JsonRead.uuid(p);
                default -> p.skipChildren();
            }
        }
        return new CreateFirstUserResponse(userId, organizationId);
    }

    public static void write(JsonGenerator g, CreateFirstUserResponse r) throws IOException {
        g.writeStartObject();
        JsonWrite.uuid(g, "user_id", r.userId());
        JsonWrite.uuid(g, "organization_id", r.organizationId());
        g.writeEndObject();
    }

    public static LoginWithPasswordRequest readLoginWithPasswordRequest(JsonParser p) throws IOException {
        if (!JsonRead.startObject(p)) {
            return null;
        }
        String email = null;
        String password = null;
        while (JsonRead.nextField(p)) {
            switch (p.currentName()) {
                case "email" -> email = JsonRead.string(p);
                case "password" -> password = JsonRead.string(p);
                default -> p.skipChildren();
            }
        }
        return new LoginWithPasswordRequest(email, password);
    }

    public static void write(JsonGenerator g, LoginWithPasswordRequest r) throws IOException {
        g.writeStartObject();
        g.writeStringField("email", r.email());
        g.writeStringField("password", r.password());
        g.writeEndObject();
    }

    public static LoginWithPasswordResponse readLoginWithPasswordResponse(JsonParser p) throws IOException {
        if (!JsonRead.startObject(p)) {
            return null;
        }
        String sessionToken = null;
        while (JsonRead.nextField(p)) {
            if (p.currentName().equals("session_token")) {
                sessionToken = JsonRead.string(p);
            } else {
                p.skipChildren();
            }
        }
        return new LoginWithPasswordResponse(sessionToken);
    }

    public static void write(JsonGenerator g, LoginWithPasswordResponse r) throws IOException {
        g.writeStartObject();
        g.writeStringField("session_token", r.sessionToken());
        g.writeEndObject();
    }

    public static AuthMethods readAuthMethods(JsonParser p) throws IOException {
        if (!JsonRead.startObject(p)) {
            return null;
        }
        String termsOfServiceUrl = null;
        AuthMethods.Password password = null;
        AuthMethods.Github github = null;
        AuthMethods.Oidc oidc = null;
        while (JsonRead.nextField(p)) {
            switch (p.currentName()) {
                case "terms_of_service_url" -> termsOfServiceUrl = JsonRead.string(p);
                case "password" -> password = readPassword(p);
                case "github" -> github = readGithub(p);
                case "oidc" -> oidc = readOidc(p);
                default -> p.skipChildren();
            }
        }
        return new AuthMethods(termsOfServiceUrl, password, github, oidc);
    }

    public static void write(JsonGenerator g, AuthMethods m) throws IOException {
        g.writeStartObject();
        g.writeStringField("terms_of_service_url", m.termsOfServiceUrl());
        JsonWrite.object(g, "password", m.password(), LoginJson::write);
        JsonWrite.object(g, "github", m.github(), LoginJson::write);
        JsonWrite.object(g, "oidc", m.oidc(), LoginJson::write);
        g.writeEndObject();
    }

    public static AuthMethods.Password readPassword(JsonParser p) throws IOException {
        if (!JsonRead.startObject(p)) {
            return null;
        }
        boolean enabled = false;
        while (JsonRead.nextField(p)) {
            if (p.currentName().equals("enabled")) {
                enabled = JsonRead.bool(p);
            } else {
                p.skipChildren();
            }
        }
        return new AuthMethods.Password(enabled);
    }

    public static void write(JsonGenerator g, AuthMethods.Password m) throws IOException {
        g.writeStartObject();
        g.writeBooleanField("enabled", m.enabled());
        g.writeEndObject();
    }

    public static AuthMethods.Github readGithub(JsonParser p) throws IOException {
        if (!JsonRead.startObject(p)) {
            return null;
        }
        boolean enabled = false;
        boolean defaultProviderConfigured = false;
        while (JsonRead.nextField(p)) {
            switch (p.currentName()) {
                case "enabled" -> enabled = JsonRead.bool(p);
                case "default_provider_configured" -> defaultProviderConfigured = JsonRead.bool(p);
                default -> p.skipChildren();
            }
        }
        return new AuthMethods.Github(enabled, defaultProviderConfigured);
    }

    public static void write(JsonGenerator g, AuthMethods.Github m) throws IOException {
        g.writeStartObject();
        g.writeBooleanField("enabled", m.enabled());
        g.writeBooleanField("default_provider_configured", m.defaultProviderConfigured());
        g.writeEndObject();
    }

    /** NOTE: {@code signInText} and {@code iconUrl} are camelCase on the wire, as the reference spells them. */
    public static AuthMethods.Oidc readOidc(JsonParser p) throws IOException {
        if (!JsonRead.startObject(p)) {
            return null;
        }
        boolean enabled = false;
        String signInText = null;
        String iconUrl = null;
        while (JsonRead.nextField(p)) {
            switch (p.currentName()) {
                case "enabled" -> enabled = JsonRead.bool(p);
                case "signInText" -> signInText = JsonRead.string(p);
                case "iconUrl" -> iconUrl = JsonRead.string(p);
                default -> p.skipChildren();
            }
        }
        return new AuthMethods.Oidc(enabled, signInText, iconUrl);
    }

    public static void write(JsonGenerator g, AuthMethods.Oidc m) throws IOException {
        g.writeStartObject();
        g.writeBooleanField("enabled", m.enabled());
        g.writeStringField("signInText", m.signInText());
        g.writeStringField("iconUrl", m.iconUrl());
        g.writeEndObject();
    }
}
