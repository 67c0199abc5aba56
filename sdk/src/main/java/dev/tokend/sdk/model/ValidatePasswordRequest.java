package dev.tokend.sdk.model;

/** {@code POST /api/v2/users/validate-password}. */
public record ValidatePasswordRequest(String password) {
    @Override
    public String toString() {
        return "ValidatePasswordRequest[<redacted>]";
    }
}
