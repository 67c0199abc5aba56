package dev.tokend.sdk.model;

/** {@code POST /api/v2/users/login}. */
public record LoginWithPasswordRequest(String email, String password) {
    @Override
    public String toString() {
        return "LoginWithPasswordRequest[email=" + email + ", password=<redacted>]";
    }
}
