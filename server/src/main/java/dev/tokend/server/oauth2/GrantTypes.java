package dev.tokend.server.oauth2;

import java.util.List;

/** The grant types tokend supports (and advertises in its metadata; nothing else). */
public final class GrantTypes {
    public static final String AUTHORIZATION_CODE = "authorization_code";
    public static final String REFRESH_TOKEN = "refresh_token";
    public static final String CLIENT_CREDENTIALS = "client_credentials";
    /** RFC 8628 §3.4. */
    public static final String DEVICE_CODE = "urn:ietf:params:oauth:grant-type:device_code";

    public static final List<String> ALL = List.of(AUTHORIZATION_CODE, REFRESH_TOKEN, CLIENT_CREDENTIALS, DEVICE_CODE);
    /** What a client gets when it names none (reference §1.3 default). */
    public static final List<String> DEFAULT = List.of(AUTHORIZATION_CODE, REFRESH_TOKEN);
    /** What a dynamically registered client may ask for (no client_credentials: it has no owner). */
    public static final List<String> DYNAMIC = List.of(AUTHORIZATION_CODE, REFRESH_TOKEN, DEVICE_CODE);

    /** Token endpoint authentication methods (RFC 7591 §2). */
    public static final String AUTH_BASIC = "client_secret_basic";
    public static final String AUTH_POST = "client_secret_post";
    public static final String AUTH_NONE = "none";
    public static final List<String> AUTH_METHODS = List.of(AUTH_BASIC, AUTH_POST, AUTH_NONE);

    private GrantTypes() {}
}
