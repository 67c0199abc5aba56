package dev.tokend.sdk.model;

/** {@code PUT /api/v2/users/{user}/password}. */
public record UpdateUserPasswordRequest(String oldPassword, String password) {
    @Override
    public String toString() {
        return "UpdateUserPasswordRequest[<redacted>]";
    }
}
