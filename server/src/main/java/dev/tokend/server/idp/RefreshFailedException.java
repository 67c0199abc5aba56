package dev.tokend.server.idp;

/** The IdP refused or failed a refresh; the message is the IdP's or the transport's error text. */
public final class RefreshFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    public RefreshFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
