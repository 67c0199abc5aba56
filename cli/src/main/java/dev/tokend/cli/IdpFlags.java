package dev.tokend.cli;

import dev.tokend.server.IdpOptions;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The {@code tokend server} options of sign-in through OpenID Connect and GitHub (docs/sso.md),
 * mixed into {@link ServerCommand}. Like every option, each is also read from {@code TOKEND_<NAME>}.
 */
final class IdpFlags {
    @Option(names = "--oidc-issuer-url", paramLabel = "URL", defaultValue = "",
            description = "OpenID Connect issuer; its discovery document is fetched at start-up. Env: TOKEND_OIDC_ISSUER_URL.")
    String oidcIssuerUrl;

    @Option(names = "--oidc-client-id", paramLabel = "ID", defaultValue = "",
            description = "OIDC client id; OIDC sign-in is on iff this is set. Env: TOKEND_OIDC_CLIENT_ID.")
    String oidcClientId;

    @Option(names = "--oidc-client-secret", paramLabel = "SECRET", defaultValue = "",
            description = "OIDC client secret (empty: public client). Env: TOKEND_OIDC_CLIENT_SECRET.")
    String oidcClientSecret;

    @Option(names = "--oidc-client-key-file", paramLabel = "FILE",
            description = "PEM (PKCS#8) RSA key for private_key_jwt client authentication instead of a secret. "
                    + "Env: TOKEND_OIDC_CLIENT_KEY_FILE.")
    Path oidcClientKeyFile;

    @Option(names = "--oidc-client-cert-file", paramLabel = "FILE",
            description = "PEM certificate of --oidc-client-key-file. Env: TOKEND_OIDC_CLIENT_CERT_FILE.")
    Path oidcClientCertFile;

    @Option(names = "--oidc-email-domain", paramLabel = "DOMAIN", split = ",", defaultValue = "",
            description = "Comma-separated email domains allowed to sign in (exact match). Env: TOKEND_OIDC_EMAIL_DOMAIN.")
    List<String> oidcEmailDomain;

    @Option(names = "--oidc-allow-signups", defaultValue = "true", fallbackValue = "true", arity = "0..1",
            paramLabel = "BOOL", description = "Create unknown users at their first OIDC sign-in. "
                    + "Env: TOKEND_OIDC_ALLOW_SIGNUPS. Default: ${DEFAULT-VALUE}.")
    boolean oidcAllowSignups;

    @Option(names = "--oidc-scopes", paramLabel = "SCOPE", split = ",", defaultValue = IdpOptions.DEFAULT_OIDC_SCOPES,
            description = "Scopes requested. Env: TOKEND_OIDC_SCOPES. Default: ${DEFAULT-VALUE}.")
    List<String> oidcScopes;

    @Option(names = "--oidc-ignore-email-verified", defaultValue = "false", fallbackValue = "true", arity = "0..1",
            paramLabel = "BOOL", description = "Accept email_verified: false. Env: TOKEND_OIDC_IGNORE_EMAIL_VERIFIED.")
    boolean oidcIgnoreEmailVerified;

    @Option(names = "--oidc-username-field", paramLabel = "CLAIM", defaultValue = IdpOptions.DEFAULT_OIDC_USERNAME_FIELD,
            description = "Claim for the username. Env: TOKEND_OIDC_USERNAME_FIELD. Default: ${DEFAULT-VALUE}.")
    String oidcUsernameField;

    @Option(names = "--oidc-email-field", paramLabel = "CLAIM", defaultValue = IdpOptions.DEFAULT_OIDC_EMAIL_FIELD,
            description = "Claim for the email. Env: TOKEND_OIDC_EMAIL_FIELD. Default: ${DEFAULT-VALUE}.")
    String oidcEmailField;

    @Option(names = "--oidc-name-field", paramLabel = "CLAIM", defaultValue = IdpOptions.DEFAULT_OIDC_NAME_FIELD,
            description = "Claim for the display name. Env: TOKEND_OIDC_NAME_FIELD. Default: ${DEFAULT-VALUE}.")
    String oidcNameField;

    @Option(names = "--oidc-auth-url-params", paramLabel = "JSON", defaultValue = IdpOptions.DEFAULT_OIDC_AUTH_URL_PARAMS,
            description = "JSON object of extra authorization URL parameters. Env: TOKEND_OIDC_AUTH_URL_PARAMS. "
                    + "Default: ${DEFAULT-VALUE}.")
    String oidcAuthUrlParams;

    @Option(names = "--oidc-ignore-userinfo", defaultValue = "false", fallbackValue = "true", arity = "0..1",
            paramLabel = "BOOL", description = "Use ID-token claims only, never the userinfo endpoint. "
                    + "Env: TOKEND_OIDC_IGNORE_USERINFO.")
    boolean oidcIgnoreUserinfo;

    @Option(names = "--oidc-sign-in-text", paramLabel = "TEXT", defaultValue = IdpOptions.DEFAULT_OIDC_SIGN_IN_TEXT,
            description = "Text of the OIDC sign-in button. Env: TOKEND_OIDC_SIGN_IN_TEXT. Default: ${DEFAULT-VALUE}.")
    String oidcSignInText;

    @Option(names = "--oidc-icon-url", paramLabel = "URL", defaultValue = "",
            description = "Icon of the OIDC sign-in button. Env: TOKEND_OIDC_ICON_URL.")
    String oidcIconUrl;

    @Option(names = "--oidc-signups-disabled-text", paramLabel = "TEXT", defaultValue = "",
            description = "Text of the \"Signups are disabled\" page. Env: TOKEND_OIDC_SIGNUPS_DISABLED_TEXT.")
    String oidcSignupsDisabledText;

    @Option(names = "--oidc-allowed-groups", paramLabel = "GROUP", split = ",", defaultValue = "",
            description = "Only users with one of these groups may sign in; needs --oidc-group-field. "
                    + "Env: TOKEND_OIDC_ALLOWED_GROUPS.")
    List<String> oidcAllowedGroups;

    @Option(names = "--oidc-group-field", paramLabel = "CLAIM", defaultValue = "",
            description = "Claim holding the user's groups (\"groups\" when empty and the groups scope is requested). "
                    + "Env: TOKEND_OIDC_GROUP_FIELD.")
    String oidcGroupField;

    @Option(names = "--oauth2-github-client-id", paramLabel = "ID", defaultValue = "",
            description = "GitHub OAuth app client id. Env: TOKEND_OAUTH2_GITHUB_CLIENT_ID.")
    String githubClientId;

    @Option(names = "--oauth2-github-client-secret", paramLabel = "SECRET", defaultValue = "",
            description = "GitHub OAuth app client secret. Env: TOKEND_OAUTH2_GITHUB_CLIENT_SECRET.")
    String githubClientSecret;

    @Option(names = "--oauth2-github-device-flow", defaultValue = "false", fallbackValue = "true", arity = "0..1",
            paramLabel = "BOOL", description = "Sign in with GitHub's device flow. Env: TOKEND_OAUTH2_GITHUB_DEVICE_FLOW.")
    boolean githubDeviceFlow;

    @Option(names = "--oauth2-github-allowed-orgs", paramLabel = "ORG", split = ",", defaultValue = "",
            description = "GitHub organizations whose members may sign in. Env: TOKEND_OAUTH2_GITHUB_ALLOWED_ORGS.")
    List<String> githubAllowedOrgs;

    @Option(names = "--oauth2-github-allowed-teams", paramLabel = "ORG/TEAM", split = ",", defaultValue = "",
            description = "Teams (<organization>/<team-slug>) whose members may sign in. "
                    + "Env: TOKEND_OAUTH2_GITHUB_ALLOWED_TEAMS.")
    List<String> githubAllowedTeams;

    @Option(names = "--oauth2-github-allow-signups", defaultValue = "false", fallbackValue = "true", arity = "0..1",
            paramLabel = "BOOL", description = "Create unknown users at their first GitHub sign-in. "
                    + "Env: TOKEND_OAUTH2_GITHUB_ALLOW_SIGNUPS.")
    boolean githubAllowSignups;

    @Option(names = "--oauth2-github-allow-everyone", defaultValue = "false", fallbackValue = "true", arity = "0..1",
            paramLabel = "BOOL", description = "Any GitHub user may sign in (no org/team rule). "
                    + "Env: TOKEND_OAUTH2_GITHUB_ALLOW_EVERYONE.")
    boolean githubAllowEveryone;

    @Option(names = "--oauth2-github-enterprise-base-url", paramLabel = "URL", defaultValue = "",
            description = "GitHub Enterprise Server base URL; every GitHub endpoint moves there. "
                    + "Env: TOKEND_OAUTH2_GITHUB_ENTERPRISE_BASE_URL.")
    String githubEnterpriseBaseUrl;

    @Option(names = "--idp-token-encryption-keys", paramLabel = "KEY", split = ",", defaultValue = "",
            description = "Base64 AES-256 keys encrypting IdP tokens at rest, newest first (rotation: prepend). "
                    + "Env: TOKEND_IDP_TOKEN_ENCRYPTION_KEYS.")
    List<String> tokenKeys;

    @Option(names = "--idp-token-encryption-key-file", paramLabel = "FILE",
            description = "File with such keys, one a line, newest first. Env: TOKEND_IDP_TOKEN_ENCRYPTION_KEY_FILE.")
    Path tokenKeyFile;

    /** The options; a bad value is an IllegalArgumentException naming the option. */
}
