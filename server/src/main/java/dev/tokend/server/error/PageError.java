package dev.tokend.server.error;

import java.util.Objects;

/**
 * A refusal the reference renders as a static HTML page rather than JSON (reference §A.8: "Signups
 * are disabled", "Incorrect login type", "Not a member of an allowed group"): the status, the title
 * and a description (HTML the server composed from escaped text and, for the signups-disabled page,
 * the operator's configured text).
 */
public final class PageError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String title;
    private final String description;

    public PageError(int status, String title, String description) {
        super(status + " " + title, null, false, false);
        this.status = status;
        this.title = Objects.requireNonNull(title, "title");
        this.description = Objects.requireNonNull(description, "description");
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }
}
