package dev.tokend.server.web;

/**
 * A confirmation (the dialog component, as a page of its own so it works without script): the
 * question names its subject in bold ({@code before} + {@code subject} + {@code after}), and the
 * button posts {@code action} with the CSRF field; {@code cancel} goes back.
 */
public record ConfirmView(String action, String title, String before, String subject, String after, String button,
        String csrf, String cancel) {}
