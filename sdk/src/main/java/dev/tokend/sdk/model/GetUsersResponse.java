package dev.tokend.sdk.model;

import java.util.List;

/** {@code GET /api/v2/users}: one page of users and the total count matching the query. */
public record GetUsersResponse(List<User> users, long count) {}
