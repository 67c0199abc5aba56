package dev.tokend.server.web;

/**
 * What the layout needs besides the page itself.
 *
 * @param title the page title (the document title is {@code <title> · tokend})
 * @param nonce the response's CSP nonce, put on the one {@code <script>} tag
 * @param nav the signed-in user's navigation, or null on signed-out pages
 * @param flash a message shown above the page, or null
 */
public record Frame(String title, String nonce, Nav nav, Flash flash) {

    /**
     * The signed-in header: who, the sign-out form's CSRF field, which entry is current, and which
     * entries this user may open (the pages still check, through the store).
     */
    public record Nav(String username, String csrf, String active, boolean users, boolean audit, boolean apps) {}

    /** A message for the top of the page; {@code kind} is {@code info}, {@code success} or {@code error}. */
    public record Flash(String kind, String message) {
        public static Flash error(String message) {
            return new Flash("error", message);
        }

        public static Flash success(String message) {
            return new Flash("success", message);
        }

        public static Flash info(String message) {
            return new Flash("info", message);
        }
    }

    public Frame withFlash(Flash f) {
        return new Frame(title, nonce, nav, f);
    }
}
