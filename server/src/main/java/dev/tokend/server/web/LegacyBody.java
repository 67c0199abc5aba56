package dev.tokend.server.web;

/** The view of {@link Html}'s transitional bridge: a title and an already-escaped body. */
public record LegacyBody(String title, String html) {}
