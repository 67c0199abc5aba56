package dev.tokend.server.web;

/** The error page's content: the status and the API's own message and detail. */
public record ErrorView(int status, String message, String detail, String backTo) {}
