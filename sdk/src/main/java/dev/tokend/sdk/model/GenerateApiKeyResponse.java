package dev.tokend.sdk.model;

/** Answer of the key-minting endpoints: the token, shown this once. */
public record GenerateApiKeyResponse(String key) {
    @Override
    public String toString() {
        return "GenerateApiKeyResponse[key=<redacted>]";
    }
}
