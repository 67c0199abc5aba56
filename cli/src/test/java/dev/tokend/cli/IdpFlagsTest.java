package dev.tokend.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokend.server.IdpOptions;
import dev.tokend.server.ServerOptions;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The IdP options of {@code tokend server} (docs/sso.md), as flags and TOKEND_ variables. */
class IdpFlagsTest {
    private static ServerOptions parse(Map<String, String> env, String... args) {
        return ServerStart.parse(new EnvironmentDefaults(env::get), args);
    }

    @Test
    void defaultsLeaveEveryIdpOffWithTheReferencesOidcDefaults() {
        IdpOptions idp = parse(Map.of()).idp();
        assertThat(idp.oidc().enabled()).isFalse();
        assertThat(idp.github().enabled()).isFalse();
        assertThat(idp.oidc().scopes()).containsExactly("openid", "profile", "email");
        assertThat(idp.oidc().authUrlParams()).containsEntry("access_type", "offline");
        assertThat(idp.oidc().allowSignups()).isTrue();
        assertThat(idp.oidc().signInText()).isEqualTo("OpenID Connect");
    }

    @Test
    void environmentConfiguresOidcAndGithub() {
        IdpOptions idp = parse(Map.of("TOKEND_OIDC_ISSUER_URL", "https://idp.example", "TOKEND_OIDC_CLIENT_ID", "c",
                "TOKEND_OIDC_EMAIL_DOMAIN", "a.com, b.com", "TOKEND_OIDC_ALLOW_SIGNUPS", "false",
                "TOKEND_OAUTH2_GITHUB_CLIENT_ID", "g", "TOKEND_OAUTH2_GITHUB_ALLOWED_ORGS", "acme",
                "TOKEND_OAUTH2_GITHUB_ENTERPRISE_BASE_URL", "https://gh.example")).idp();
        assertThat(idp.oidc().issuerUrl()).isEqualTo(URI.create("https://idp.example"));
        assertThat(idp.oidc().emailDomains()).isEqualTo(List.of("a.com", "b.com"));
        assertThat(idp.oidc().allowSignups()).isFalse();
        assertThat(idp.github().allowedOrgs()).containsExactly("acme");
        assertThat(idp.github().enterpriseBaseUrl()).isEqualTo(URI.create("https://gh.example"));
    }

    @Test
    void inconsistentIdpOptionsAreUsageErrors() {
        assertThatThrownBy(() -> parse(Map.of(), "--oauth2-github-client-id", "g"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("allowed orgs is empty: must specify at least one org or allow everyone");
        assertThatThrownBy(() -> parse(Map.of(), "--oidc-issuer-url", "https://i", "--oidc-client-id", "c",
                "--oidc-allowed-groups", "admins"))
                .hasMessageContaining("'oidc-group-field' must be set if 'oidc-allowed-groups' is set.");
        assertThatThrownBy(() -> parse(Map.of(), "--oidc-auth-url-params", "[1]"))
                .hasMessageContaining("--oidc-auth-url-params");
    }
}
