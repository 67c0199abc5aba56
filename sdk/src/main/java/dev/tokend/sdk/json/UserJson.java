package dev.tokend.sdk.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.tokend.sdk.model.CreateUserRequest;
import dev.tokend.sdk.model.GetUsersResponse;
import dev.tokend.sdk.model.SlimRole;
import dev.tokend.sdk.model.UpdateRoles;
import dev.tokend.sdk.model.UpdateUserPasswordRequest;
import dev.tokend.sdk.model.User;
import dev.tokend.sdk.model.ValidatePasswordRequest;
import dev.tokend.sdk.model.ValidatePasswordResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** JSON of the users API's records: {@link User} and the requests and answers of {@code /api/v2/users}. */
public final class UserJson {
    private UserJson() {}

    public static User readUser(JsonParser p) throws IOException {
        if (!JsonRead.startObject(p)) {
            return null;
        }
        UUID id = null;
        String username = null;
        String name = null;
        String email = null;
        String avatarUrl = null;
        Instant createdAt = null;
        Instant updatedAt = null;
        Instant lastSeenAt = null;
        String status = null;
        String loginType = null;
        String themePreference = null;
        List<UUID> organizationIds = null;
        List<SlimRole> roles = null;
        while (JsonRead.nextField(p)) {
            switch (p.currentName()) {
                case "id" -> id = JsonRead.uuid(p);
                case "username" -> username = JsonRead.string(p);
                case "name" -> name = JsonRead.string(p);
                case "email" -> email = JsonRead.string(p);
                case "avatar_url" -> avatarUrl = JsonRead.string(p);
                case "created_at" -> createdAt = JsonRead.instant(p);
                case "updated_at" -> updatedAt = JsonRead.instant(p);
                case "last_seen_at" -> lastSeenAt = JsonRead.instant(p);
                case "status" -> status = JsonRead.string(p);
                case "login_type" -> loginType = JsonRead.string(p);
                case "theme_preference" -> themePreference = JsonRead.string(p);
                case "organization_ids" -> organizationIds = JsonRead.uuids(p);
                case "roles" -> roles = JsonRead.list(p, UserJson::readSlimRole);
                default -> p.skipChildren();
            }
        }
        return new User(id, username, name, email, avatarUrl, createdAt, updatedAt, lastSeenAt, status, loginType,
                themePreference, organizationIds, roles);
    }

    public static void write(JsonGenerator g, User u) throws IOException {
        g.writeStartObject();
        JsonWrite.uuid(g, "id", u.id());
        g.writeStringField("username", u.username());
        g.writeStringField("name", u.name());
        g.writeStringField("email", u.email());
        g.writeStringField("avatar_url", u.avatarUrl());
        JsonWrite.instant(g, "created_at", u.createdAt());
        JsonWrite.instant(g, "updated_at", u.updatedAt());
        JsonWrite.instant(g, "last_seen_at", u.lastSeenAt());
        g.writeStringField("status", u.status());
        g.writeStringField("login_type", u.loginType());
        g.writeStringField("theme_preference", u.themePreference());
        JsonWrite.uuids(g, "organization_ids", u.organizationIds());
        JsonWrite.list(g, "roles", u.roles(), UserJson::write);
        g.writeEndObject();
    }

    public static SlimRole readSlimRole(JsonParser p) throws IOException {
        if (!JsonRead.startObject(p)) {
            return null;
        }
        String name = null;
        String displayName = null;
        String organizationId = null;
        while (JsonRead.nextField(p)) {
            switch (p.currentName()) {
                case "name" -> name = JsonRead.string(p);
                case "display_name" -> displayName = JsonRead.string(p);
                case "organization_id" -> organizationId = JsonRead.string(p);
                default -> p.skipChildren();
            }
        }
        return new SlimRole(name, displayName, organizationId);
    }

    /** {@code organization_id} is left out when empty ({@code NON_EMPTY}): site roles have none. */
    public static void write(JsonGenerator g, SlimRole r) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", r.name());
        g.writeStringField("display_name", r.displayName());
        if (r.organizationId() != null && !r.organizationId().isEmpty()) {
            g.writeStringField("organization_id", r.organizationId());
        }
        g.writeEndObject();
    }

    public static GetUsersResponse readGetUsersResponse(JsonParser p) throws IOException {
        if (!JsonRead.startObject(p)) {
            return null;
        }
        List<User> users = null;
        long count = 0;
        while (JsonRead.nextField(p)) {
            switch (p.currentName()) {
                case "users" -> users = JsonRead.list(p, UserJson::readUser);
                case "count" -> count = JsonRead.int64(p);
                default -> p.skipChildren();
            }
        }
        return new GetUsersResponse(users, count);
    }

    public static void write(JsonGenerator g, GetUsersResponse r) throws IOException {
        g.writeStartObject();
        JsonWrite.list(g, "users", r.users(), UserJson::write);
        g.writeNumberField("count", r.count());
        g.writeEndObject();
    }

    public static CreateUserRequest readCreateUserRequest(JsonParser p) throws IOException {
        if (!JsonRead.startObject(p)) {
            return null;
        }
        String email = null;
        String username = null;
        String name = null;
        String password = null;
        String loginType = null;
        List<UUID> organizationIds = null;
        String userStatus = null;
        while (JsonRead.nextField(p)) {
            switch (p.currentName()) {
                case "email" -> email = JsonRead.string(p);
                case "username" -> username = JsonRead.string(p);
                case "name" -> name = JsonRead.string(p);
                case "password" -> password = JsonRead.string(p);
                case "login_type" -> loginType = JsonRead.string(p);
                case "organization_ids" -> organizationIds = JsonRead.uuids(p);
                case "user_status" -> userStatus = JsonRead.string(p);
                default -> p.skipChildren();
            }
        }
        return new CreateUserRequest(email, username, name, password, loginType, organizationIds, userStatus);
    }

    public static void write(JsonGenerator g, CreateUserRequest r) throws IOException {
        g.writeStartObject();
        g.writeStringField("email", r.email());
        g.writeStringField("username", r.username());
        g.writeStringField("name", r.name());
        g.writeStringField("password", r.password());
        g.writeStringField("login_type", r.loginType());
        JsonWrite.uuids(g, "organization_ids", r.organizationIds());
        g.writeStringField("user_status", r.userStatus());
        g.writeEndObject();
    }

    public static UpdateUserPasswordRequest readUpdateUserPasswordRequest(JsonParser p) throws IOException {
        if (!JsonRead.startObject(p)) {
            return null;
        }
        String oldPassword = null;
        String password = null;
        while (JsonRead.nextField(p)) {
            switch (p.currentName()) {
                case "old_password" -> oldPassword = JsonRead.string(p);
                case "password" -> password = JsonRead.string(p);
                default -> p.skipChildren();
            }
        }
        return new UpdateUserPasswordRequest(oldPassword, password);
    }

    public static void write(JsonGenerator g, UpdateUserPasswordRequest r) throws IOException {
        g.writeStartObject();
        g.writeStringField("old_password", r.oldPassword());
        g.writeStringField("password", r.password());
        g.writeEndObject();
    }

    public static ValidatePasswordRequest readValidatePasswordRequest(JsonParser p) throws IOException {
        if (!JsonRead.startObject(p)) {
            return null;
        }
        String password = null;
        while (JsonRead.nextField(p)) {
            if (p.currentName().equals("password")) {
                password = JsonRead.string(p);
            } else {
                p.skipChildren();
            }
        }
        return new ValidatePasswordRequest(password);
    }

    public static void write(JsonGenerator g, ValidatePasswordRequest r) throws IOException {
        g.writeStartObject();
        g.writeStringField("password", r.password());
        g.writeEndObject();
    }

    public static ValidatePasswordResponse readValidatePasswordResponse(JsonParser p) throws IOException {
        if (!JsonRead.startObject(p)) {
            return null;
        }
        boolean valid = false;
        String details = null;
        while (JsonRead.nextField(p)) {
            switch (p.currentName()) {
                case "valid" -> valid = JsonRead.bool(p);
                case "details" -> details = JsonRead.string(p);
                default -> p.skipChildren();
            }
        }
        return new ValidatePasswordResponse(valid, details);
    }

    public static void write(JsonGenerator g, ValidatePasswordResponse r) throws IOException {
        g.writeStartObject();
        g.writeBooleanField("valid", r.valid());
        g.writeStringField("details", r.details());
        g.writeEndObject();
    }

    public static UpdateRoles readUpdateRoles(JsonParser p) throws IOException {
        if (!JsonRead.startObject(p)) {
            return null;
        }
        List<String> roles = null;
        while (JsonRead.nextField(p)) {
            if (p.currentName().equals("roles")) {
                roles = JsonRead.strings(p);
            } else {
                p.skipChildren();
            }
        }
        return new UpdateRoles(roles);
    }

    public static void write(JsonGenerator g, UpdateRoles r) throws IOException {
        g.writeStartObject();
        JsonWrite.strings(g, "roles", r.roles());
        g.writeEndObject();
    }
}
