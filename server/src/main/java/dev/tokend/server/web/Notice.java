package dev.tokend.server.web;

/**
 * A page that only tells something ({@code notice.jte}): a heading, a message shown as a flash of
 * {@code kind} ({@code success}, {@code error} or {@code info}), an optional sentence under it and
 * an optional link onwards (empty {@code linkHref} = none). Every string is text; jte escapes it.
 */
public record Notice(String heading, String kind, String message, String text, String linkHref, String linkLabel) {

    static Notice success(String heading, String message, String text) {
        return new Notice(heading, "success", message, text, "", "");
    }

    static Notice error(String heading, String message, String text) {
        return new Notice(heading, "error", message, text, "", "");
    }

    Notice withLink(String href, String label) {
        return new Notice(heading, kind, message, text, href, label);
    }
}
