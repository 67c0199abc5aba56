package dev.tokend.sdk.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A role held by a user; {@code organization_id} is omitted for site roles. */
public record SlimRole(
        String name,
        String displayName,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String organizationId) {}
