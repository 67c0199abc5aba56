package dev.tokend.cli;

import dev.tokend.sdk.GoDuration;
import dev.tokend.sdk.model.AllowListTarget;
import dev.tokend.sdk.model.ApiKeyWithOwner;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** The columns of token tables ({@code tokens list}, {@code view}, {@code update}). */
final class TokenColumns {
    /** Reference §9.1: the default columns of {@code tokens list}. */
    static final List<String> LIST = List.of("id", "name", "scopes", "allow list", "last used", "expires at",
            "created at");
    /** With {@code --all}, whose token it is matters. */
    static final List<String> LIST_ALL = List.of("id", "name", "owner", "scopes", "allow list", "last used",
            "expires at", "created at");
    /** One token ({@code view}, {@code update}): the list's columns with the owner. */
    static final List<String> ONE = LIST_ALL;

    static final String HELP = "Columns: id, name, owner, scopes, allow list, last used, expires at, created at, "
            + "lifetime, login type.";

    private TokenColumns() {}

    /** Times are relative to {@code now}. */
    static Table<ApiKeyWithOwner> table(Instant now) {
        return new Table<>(
                new Table.Column<>("id", ApiKeyWithOwner::id),
                new Table.Column<>("name", ApiKeyWithOwner::tokenName),
                new Table.Column<>("owner", ApiKeyWithOwner::username),
                new Table.Column<>("scopes", k -> join(k.scopes())),
                new Table.Column<>("allow list", k -> allowList(k.allowList())),
                new Table.Column<>("last used", k -> RelativeTime.orNever(k.lastUsed(), now)),
                new Table.Column<>("expires at", k -> RelativeTime.of(k.expiresAt(), now)),
                new Table.Column<>("created at", k -> RelativeTime.of(k.createdAt(), now)),
                new Table.Column<>("lifetime", k -> GoDuration.format(Duration.ofSeconds(k.lifetimeSeconds()))),
                new Table.Column<>("login type", ApiKeyWithOwner::loginType));
    }

    private static String join(List<String> values) {
        return values == null ? "" : String.join(", ", values);
    }

    private static String allowList(List<AllowListTarget> entries) {
        return entries == null ? "" : entries.stream().map(AllowListTarget::toString).collect(Collectors.joining(", "));
    }
}
