package dev.tokend.cli;

/**
 * A failure the user can act on (not signed in, a token that does not exist, a lifetime over the
 * maximum). {@link ErrorReporter} prints its message without a stack trace and exits with status 1.
 */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** NOTE: scripts and the tests match this sentence; keep it stable. */
    static final String NOT_SIGNED_IN = "You are not signed in. Run 'tokend login <url>' first.";

    CliException(String message) {
        super(message);
    }

    static CliException notSignedIn() {
        return new CliException(NOT_SIGNED_IN);
    }
}
