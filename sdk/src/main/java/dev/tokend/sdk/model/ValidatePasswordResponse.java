package dev.tokend.sdk.model;

/** Whether a password meets the policy, and why not. */
public record ValidatePasswordResponse(boolean valid, String details) {}
