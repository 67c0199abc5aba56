package dev.tokend.cli;

import dev.tokend.sdk.model.SlimRole;
import dev.tokend.sdk.model.User;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** The columns of user tables ({@code users list}, {@code users show}). */
final class UserColumns {
    static final List<String> LIST = List.of("username", "email", "name", "status", "roles", "last seen");
    static final List<String> ONE = List.of("id", "username", "email", "name", "status", "roles", "login type",
            "last seen", "created at");
    static final String HELP = "Columns: id, username, email, name, status, roles, login type, last seen, "
            + "created at, updated at.";

    private UserColumns() {}

    /** Times are relative to {@code now}. */
    static Table<User> table(Instant now) {
        return new Table<>(
                new Table.Column<>("id", u -> Objects.toString(u.id(), "")),
                new Table.Column<>("username", User::username),
                new Table.Column<>("email", User::email),
                new Table.Column<>("name", User::name),
                new Table.Column<>("status", User::status),
                new Table.Column<>("roles", u -> roles(u.roles())),
                new Table.Column<>("login type", User::loginType),
                new Table.Column<>("last seen", u -> RelativeTime.orNever(u.lastSeenAt(), now)),
                new Table.Column<>("created at", u -> RelativeTime.of(u.createdAt(), now)),
                new Table.Column<>("updated at", u -> RelativeTime.of(u.updatedAt(), now)));
    }

    /** Site roles by name, e.g. {@code owner, auditor}. */
    static String roles(List<SlimRole> roles) {
        return roles == null ? "" : roles.stream().map(SlimRole::name).collect(Collectors.joining(", "));
    }
}
