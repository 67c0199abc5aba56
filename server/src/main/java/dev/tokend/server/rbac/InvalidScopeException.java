package dev.tokend.server.rbac;

/**
 * A requested API key scope is not in the requestable catalog (spec §4.3 validity rule). The
 * message is wire-visible: handlers put it in the 400 response's {@code detail} (§2.2 K2).
 */
public final class InvalidScopeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String scope;

    /** {@code scope} is the name exactly as the client sent it. */
    public InvalidScopeException(String scope) {
        super("invalid or unsupported API key scope: \"" + scope + "\"");
        this.scope = scope;
    }

    /** The offending name exactly as given. */
    public String scope() {
        return scope;
    }
}
