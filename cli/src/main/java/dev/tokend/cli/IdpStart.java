package dev.tokend.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tokend.sdk.TokendJson;
import dev.tokend.server.IdpOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the IdP flags into the server's {@link IdpOptions}. Apart from {@link IdpFlags} so that the
 * flags (read by {@code --help} and completion in the client jar) name no server type; like
 * {@link ServerStart}, this class is left out of {@code tokend-cli.jar}.
 */
final class IdpStart {
    private IdpStart() {}

    static IdpOptions options(IdpFlags f) {
        Map<String, String> params;
        try {
            params = TokendJson.mapper().readValue(f.oidcAuthUrlParams, new TypeReference<Map<String, String>>() {});
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("--oidc-auth-url-params: not a JSON object of strings");
        }
        URI issuer = f.oidcIssuerUrl.isBlank() ? null : URI.create(f.oidcIssuerUrl.strip());
        IdpOptions.Oidc oidc = new IdpOptions.Oidc(issuer, f.oidcClientId.strip(), f.oidcClientSecret, f.oidcClientKeyFile,
                f.oidcClientCertFile, clean(f.oidcEmailDomain), f.oidcAllowSignups, clean(f.oidcScopes), f.oidcIgnoreEmailVerified,
                f.oidcUsernameField, f.oidcEmailField, f.oidcNameField, params, f.oidcIgnoreUserinfo, f.oidcSignInText,
                f.oidcIconUrl, f.oidcSignupsDisabledText, clean(f.oidcAllowedGroups), f.oidcGroupField.strip());
        IdpOptions.Github github = new IdpOptions.Github(f.githubClientId.strip(), f.githubClientSecret, f.githubDeviceFlow,
                clean(f.githubAllowedOrgs), clean(f.githubAllowedTeams), f.githubAllowSignups, f.githubAllowEveryone,
                f.githubEnterpriseBaseUrl.isBlank() ? null : URI.create(f.githubEnterpriseBaseUrl.strip()));
        return new IdpOptions(oidc, github, clean(f.tokenKeys), f.tokenKeyFile);
    }


    private static List<String> clean(List<String> values) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            values.stream().map(String::strip).filter(v -> !v.isEmpty()).forEach(out::add);
        }
        return out;
    }
}
