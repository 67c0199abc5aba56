package dev.tokend.sdk.model;

import java.util.List;

/** {@code PUT /api/v2/users/{user}/roles}: the complete set of site roles the user should hold. */
public record UpdateRoles(List<String> roles) {}
