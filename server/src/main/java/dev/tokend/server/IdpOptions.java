package dev.tokend.server;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The options of sign-in through an identity provider (docs/sso.md): OpenID Connect (reference
 * §A.1, without the enterprise sync options), GitHub (§C.1, without the built-in default app) and
 * the key that encrypts the IdP's tokens at rest. Part of {@link ServerOptions}; the CLI maps each
 * to a flag and a {@code TOKEND_<NAME>} variable. Defaults are the constants below.
 */
public record IdpOptions(Oidc oidc, Github github, List<String> tokenEncryptionKeys, Path tokenEncryptionKeyFile) {
    public static final String DEFAULT_OIDC_SCOPES = "openid,profile,email";
    public static final String DEFAULT_OIDC_USERNAME_FIELD = "preferred_username";
    public static final String DEFAULT_OIDC_EMAIL_FIELD = "email";
    public static final String DEFAULT_OIDC_NAME_FIELD = "name";
    public static final String DEFAULT_OIDC_AUTH_URL_PARAMS = "{\"access_type\": \"offline\"}";
    public static final String DEFAULT_OIDC_SIGN_IN_TEXT = "OpenID Connect";

    public IdpOptions {
        Objects.requireNonNull(oidc, "oidc");
        Objects.requireNonNull(github, "github");
        tokenEncryptionKeys = List.copyOf(tokenEncryptionKeys);
    }

    /** Nothing configured: password sign-in only. */
    public static IdpOptions none() {
        return new IdpOptions(Oidc.disabled(), Github.disabled(), List.of(), null);
    }

    public IdpOptions withOidc(Oidc value) {
        return new IdpOptions(value, github, tokenEncryptionKeys, tokenEncryptionKeyFile);
    }

    public IdpOptions withGithub(Github value) {
        return new IdpOptions(oidc, value, tokenEncryptionKeys, tokenEncryptionKeyFile);
    }

    public IdpOptions withTokenEncryptionKeys(List<String> value) {
        return new IdpOptions(oidc, github, value, tokenEncryptionKeyFile);
    }

    public IdpOptions withTokenEncryptionKeyFile(Path value) {
        return new IdpOptions(oidc, github, tokenEncryptionKeys, value);
    }

    /**
     * OpenID Connect (§A.1). Enabled iff {@code clientId} is non-empty. {@code clientKeyFile} and
     * {@code clientCertFile} select {@code private_key_jwt} client authentication instead of the secret.
     */
    public record Oidc(URI issuerUrl, String clientId, String clientSecret, Path clientKeyFile, Path clientCertFile,
            List<String> emailDomains, boolean allowSignups, List<String> scopes, boolean ignoreEmailVerified,
            String usernameField, String emailField, String nameField, Map<String, String> authUrlParams,
            boolean ignoreUserInfo, String signInText, String iconUrl, String signupsDisabledText,
            List<String> allowedGroups, String groupField) {
        public Oidc {
            clientId = clientId == null ? "" : clientId;
            clientSecret = clientSecret == null ? "" : clientSecret;
            emailDomains = List.copyOf(emailDomains);
            scopes = List.copyOf(scopes);
            authUrlParams = Map.copyOf(new LinkedHashMap<>(authUrlParams));
            Objects.requireNonNull(usernameField, "usernameField");
            Objects.requireNonNull(emailField, "emailField");
            Objects.requireNonNull(nameField, "nameField");
            signInText = signInText == null ? "" : signInText;
            iconUrl = iconUrl == null ? "" : iconUrl;
            signupsDisabledText = signupsDisabledText == null ? "" : signupsDisabledText;
            allowedGroups = List.copyOf(allowedGroups);
            groupField = groupField == null ? "" : groupField;
            // §A.1: an empty group field becomes "groups" when the groups scope is requested.
            if (groupField.isEmpty() && scopes.contains("groups")) {
                groupField = "groups";
            }
            if (!allowedGroups.isEmpty() && groupField.isEmpty()) {
                throw new IllegalArgumentException("'oidc-group-field' must be set if 'oidc-allowed-groups' is set. "
                        + "Either unset 'oidc-allowed-groups' or set 'oidc-group-field'");
            }
            if (!clientSecret.isEmpty() && clientKeyFile != null) {
                throw new IllegalArgumentException("cannot specify both oidc client secret and oidc client key file");
            }
            if ((clientKeyFile == null) != (clientCertFile == null)) {
                throw new IllegalArgumentException("--oidc-client-key-file and --oidc-client-cert-file go together");
            }
            if (!clientId.isEmpty() && issuerUrl == null) {
                throw new IllegalArgumentException("--oidc-issuer-url is required with --oidc-client-id");
            }
        }

        /** The defaults of §A.1 with OIDC off. */
        public static Oidc disabled() {
            return new Oidc(null, "", "", null, null, List.of(), true, List.of(DEFAULT_OIDC_SCOPES.split(",")), false,
                    DEFAULT_OIDC_USERNAME_FIELD, DEFAULT_OIDC_EMAIL_FIELD, DEFAULT_OIDC_NAME_FIELD,
                    Map.of("access_type", "offline"), false, DEFAULT_OIDC_SIGN_IN_TEXT, "", "", List.of(), "");
        }

        public boolean enabled() {
            return !clientId.isEmpty();
        }

        /** The defaults with this provider and client. */
        public static Oidc of(URI issuerUrl, String clientId, String clientSecret) {
            Oidc d = disabled();
            return new Oidc(issuerUrl, clientId, clientSecret, null, null, d.emailDomains, d.allowSignups, d.scopes,
                    d.ignoreEmailVerified, d.usernameField, d.emailField, d.nameField, d.authUrlParams,
                    d.ignoreUserInfo, d.signInText, d.iconUrl, d.signupsDisabledText, d.allowedGroups, d.groupField);
        }

        public Oidc withEmailDomains(List<String> v) {
            return new Oidc(issuerUrl, clientId, clientSecret, clientKeyFile, clientCertFile, v, allowSignups, scopes,
                    ignoreEmailVerified, usernameField, emailField, nameField, authUrlParams, ignoreUserInfo,
                    signInText, iconUrl, signupsDisabledText, allowedGroups, groupField);
        }

        public Oidc withAllowSignups(boolean v) {
            return new Oidc(issuerUrl, clientId, clientSecret, clientKeyFile, clientCertFile, emailDomains, v, scopes,
                    ignoreEmailVerified, usernameField, emailField, nameField, authUrlParams, ignoreUserInfo,
                    signInText, iconUrl, signupsDisabledText, allowedGroups, groupField);
        }

        public Oidc withIgnoreEmailVerified(boolean v) {
            return new Oidc(issuerUrl, clientId, clientSecret, clientKeyFile, clientCertFile, emailDomains,
                    allowSignups, scopes, v, usernameField, emailField, nameField, authUrlParams, ignoreUserInfo,
                    signInText, iconUrl, signupsDisabledText, allowedGroups, groupField);
        }

        public Oidc withIgnoreUserInfo(boolean v) {
            return new Oidc(issuerUrl, clientId, clientSecret, clientKeyFile, clientCertFile, emailDomains,
                    allowSignups, scopes, ignoreEmailVerified, usernameField, emailField, nameField, authUrlParams, v,
                    signInText, iconUrl, signupsDisabledText, allowedGroups, groupField);
        }

        public Oidc withSignIn(String text, String icon) {
            return new Oidc(issuerUrl, clientId, clientSecret, clientKeyFile, clientCertFile, emailDomains,
                    allowSignups, scopes, ignoreEmailVerified, usernameField, emailField, nameField, authUrlParams,
                    ignoreUserInfo, text, icon, signupsDisabledText, allowedGroups, groupField);
        }

        public Oidc withSignupsDisabledText(String v) {
            return new Oidc(issuerUrl, clientId, clientSecret, clientKeyFile, clientCertFile, emailDomains,
                    allowSignups, scopes, ignoreEmailVerified, usernameField, emailField, nameField, authUrlParams,
                    ignoreUserInfo, signInText, iconUrl, v, allowedGroups, groupField);
        }

        public Oidc withAllowedGroups(List<String> groups, String field) {
            return new Oidc(issuerUrl, clientId, clientSecret, clientKeyFile, clientCertFile, emailDomains,
                    allowSignups, scopes, ignoreEmailVerified, usernameField, emailField, nameField, authUrlParams,
                    ignoreUserInfo, signInText, iconUrl, signupsDisabledText, groups, field);
        }

        public Oidc withFields(String username, String email, String name) {
            return new Oidc(issuerUrl, clientId, clientSecret, clientKeyFile, clientCertFile, emailDomains,
                    allowSignups, scopes, ignoreEmailVerified, username, email, name, authUrlParams, ignoreUserInfo,
                    signInText, iconUrl, signupsDisabledText, allowedGroups, groupField);
        }

        public Oidc withAuthUrlParams(Map<String, String> v) {
            return new Oidc(issuerUrl, clientId, clientSecret, clientKeyFile, clientCertFile, emailDomains,
                    allowSignups, scopes, ignoreEmailVerified, usernameField, emailField, nameField, v, ignoreUserInfo,
                    signInText, iconUrl, signupsDisabledText, allowedGroups, groupField);
        }

        public Oidc withClientKey(Path key, Path cert) {
            return new Oidc(issuerUrl, clientId, "", key, cert, emailDomains, allowSignups, scopes,
                    ignoreEmailVerified, usernameField, emailField, nameField, authUrlParams, ignoreUserInfo,
                    signInText, iconUrl, signupsDisabledText, allowedGroups, groupField);
        }

        @Override
        public String toString() {
            return "Oidc[issuerUrl=" + issuerUrl + ", clientId=" + clientId + ", secret=" + (clientSecret.isEmpty()
                    ? "none" : "***") + "]";
        }
    }

    /**
     * GitHub (§C.1). Enabled when the client id, the secret or the enterprise base URL is set.
     * {@code enterpriseBaseUrl} moves every endpoint (OAuth, device code and REST API) to that host.
     */
    public record Github(String clientId, String clientSecret, boolean deviceFlow, List<String> allowedOrgs,
            List<String> allowedTeams, boolean allowSignups, boolean allowEveryone, URI enterpriseBaseUrl) {
        public Github {
            clientId = clientId == null ? "" : clientId;
            clientSecret = clientSecret == null ? "" : clientSecret;
            allowedOrgs = List.copyOf(allowedOrgs);
            allowedTeams = List.copyOf(allowedTeams);
            if (enabledFor(clientId, clientSecret, enterpriseBaseUrl)) {
                if (allowEveryone && !allowedOrgs.isEmpty()) {
                    throw new IllegalArgumentException("allow everyone and allowed orgs cannot be used together");
                }
                if (allowEveryone && !allowedTeams.isEmpty()) {
                    throw new IllegalArgumentException("allow everyone and allowed teams cannot be used together");
                }
                if (!allowEveryone && allowedOrgs.isEmpty()) {
                    throw new IllegalArgumentException(
                            "allowed orgs is empty: must specify at least one org or allow everyone");
                }
                for (String team : allowedTeams) {
                    String[] parts = team.split("/", -1);
                    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                        throw new IllegalArgumentException("github team allowlist is formatted incorrectly. got "
                                + team + "; wanted <organization>/<team>");
                    }
                }
            }
        }

        public static Github disabled() {
            return new Github("", "", false, List.of(), List.of(), false, false, null);
        }

        public boolean enabled() {
            return enabledFor(clientId, clientSecret, enterpriseBaseUrl);
        }

        private static boolean enabledFor(String id, String secret, URI base) {
            return !id.isEmpty() || !secret.isEmpty() || base != null;
        }

        @Override
        public String toString() {
            return "Github[clientId=" + clientId + ", enterpriseBaseUrl=" + enterpriseBaseUrl + "]";
        }
    }

    @Override
    public String toString() {
        return "IdpOptions[" + oidc + ", " + github + ", keys=" + tokenEncryptionKeys.size() + "]";
    }
}
