package dev.tokend.server.web;

/** The redirect rule of the pages (escaping is the template engine's, never by hand). */
final class Html {
    private Html() {}

    /**
     * A redirect target that stays on this site: a path starting with a single {@code /}
     * (not {@code //host} nor {@code /\host}); anything else becomes {@code /}.
     */
    static String safeRedirect(String target) {
        if (target == null || !target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) {
            return "/";
        }
        return target;
    }
}
