package dev.tokend.server.idp;

/** The column names bound into sealed IdP tokens (the cipher's additional data). */
public final class IdpLoginsColumns {
    public static final String ACCESS = "oauth_access_token";
    public static final String REFRESH = "oauth_refresh_token";

    private IdpLoginsColumns() {}
}
