package dev.tokend.sdk.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One changed field of an audited resource; secret fields carry no values, only {@code secret: true}. */
public record AuditDiffField(Object old, @JsonProperty("new") Object newValue, boolean secret) {}
