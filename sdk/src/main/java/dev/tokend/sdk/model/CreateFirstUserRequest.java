package dev.tokend.sdk.model;

/** {@code POST /api/v2/users/first}. {@code trial} is accepted for compatibility and ignored. */
public record CreateFirstUserRequest(String email, String username, String name, String password, Boolean trial) {
    public CreateFirstUserRequest(String email, String username, String password) {
        this(email, username, "", password, false);
    }

    @Override
    public String toString() {
        return "CreateFirstUserRequest[email=" + email + ", username=" + username + ", password=<redacted>]";
    }
}
