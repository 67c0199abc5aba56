package dev.tokend.sdk.model;

/** Answer of {@code POST /api/v2/users/login}: the new session token, shown this once. */
public record LoginWithPasswordResponse(String sessionToken) {
    @Override
    public String toString() {
        return "LoginWithPasswordResponse[sessionToken=<redacted>]";
    }
}
