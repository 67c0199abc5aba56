package dev.tokend.sdk.model;

import java.util.List;
import java.util.UUID;

/**
 * {@code POST /api/v2/users}. {@code login_type} empty means {@code password}; {@code user_status}
 * empty means {@code dormant} until the first login.
 */
public record CreateUserRequest(
        String email,
        String username,
        String name,
        String password,
        String loginType,
        List<UUID> organizationIds,
        String userStatus) {

    @Override
    public String toString() {
        return "CreateUserRequest[email=" + email + ", username=" + username + ", loginType=" + loginType
                + ", organizationIds=" + organizationIds + ", userStatus=" + userStatus + ", password=<redacted>]";
    }
}
