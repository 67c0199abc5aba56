package dev.tokend.cli;

import dev.tokend.sdk.json.Encoder;
import dev.tokend.sdk.json.OAuth2Json;
import dev.tokend.sdk.model.OAuth2ProviderApp;
import dev.tokend.sdk.model.OAuth2ProviderAppSecret;
import dev.tokend.sdk.model.OAuth2ProviderAppSecretFull;
import dev.tokend.sdk.model.PostOAuth2ProviderAppRequest;
import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tokend oauth2}: tokend as an OAuth2 authorization server (docs/oauth2.md). */
@Command(
        name = "oauth2",
        mixinStandardHelpOptions = true,
        description = {OAuth2Command.SUMMARY, ""},
        subcommands = OAuth2Command.Apps.class,
        footer = {"", "Examples:",
            "  tokend oauth2 apps list",
            "  tokend oauth2 apps create --name Grafana --redirect-uri https://g.example/cb"})
final class OAuth2Command {
    static final String SUMMARY = "Manage OAuth2 apps that users can authorize (owners).";

    /** {@code tokend oauth2 apps ...}: the admin API for apps and their secrets. */
    @Command(
            name = "apps",
            aliases = "app",
            mixinStandardHelpOptions = true,
            description = {"OAuth2 apps (clients) and their secrets.", ""},
            footer = {"", "Examples:",
                "  tokend oauth2 apps list",
                "  tokend oauth2 apps create --name Grafana --redirect-uri https://g.example/cb",
                "  tokend oauth2 apps secret-create <app id>",
                "  tokend oauth2 apps delete <app id>"})
    static final class Apps {
        private final CliContext context;

        @Spec
        CommandSpec spec;

        Apps(CliContext context) {
            this.context = Objects.requireNonNull(context, "context");
        }

        @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true,
                description = {"List OAuth2 apps.", ""},
                footer = {"", "Examples:", "  tokend oauth2 apps list", "  tokend oauth2 apps ls -o json"})
        int list(@Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
                description = "table or json.") TableOrJson output) {
            List<OAuth2ProviderApp> apps = context.client().oauth2Apps();
            PrintWriter out = out();
            if (output == TableOrJson.JSON) {
                JsonOutput.print(out, apps, Encoder.listOf(OAuth2Json::write));
            } else if (apps.isEmpty()) {
                out.println("No OAuth2 apps.");
            } else {
                out.printf("%-36s  %-24s  %-12s  %s%n", "ID", "NAME", "TYPE", "REDIRECT URIS");
                for (OAuth2ProviderApp app : apps) {
                    out.printf("%-36s  %-24s  %-12s  %s%n", app.id(), app.name(), app.clientType(),
                            String.join(",", app.redirectUris()));
                }
            }
            out.flush();
            return 0;
        }

        @Command(name = "create", mixinStandardHelpOptions = true,
                description = {"Create an OAuth2 app. Create a secret for it with secret-create.", ""},
                footer = {"", "Examples:",
                    "  tokend oauth2 apps create --name Grafana --redirect-uri https://g.example/cb",
                    "  tokend oauth2 apps create --name cli --public --grant "
                            + "urn:ietf:params:oauth:grant-type:device_code --scope user:read"})
        int create(@Option(names = "--name", required = true, description = "Shown on the consent page.") String name,
                @Option(names = "--redirect-uri", paramLabel = "URI", description = "Exact redirect URI (repeatable).")
                List<String> redirectUris,
                @Option(names = "--public", description = "A public client (no secret; PKCE only).") boolean isPublic,
                @Option(names = "--grant", paramLabel = "GRANT", split = ",",
                        description = "Grant types (default authorization_code,refresh_token).") List<String> grants,
                @Option(names = "--scope", paramLabel = "SCOPE", split = ",",
                        description = "Scopes the app may be granted (default: any).") List<String> scopes) {
            OAuth2ProviderApp app = context.client().createOAuth2App(new PostOAuth2ProviderAppRequest(name, null, "",
                    redirectUris == null ? List.of() : redirectUris, isPublic ? "public" : "confidential", grants,
                    scopes));
            return say("OAuth2 app " + app.name() + " created. Client id: " + app.id());
        }

        @Command(name = "show", mixinStandardHelpOptions = true, description = {"Show an OAuth2 app as JSON.", ""},
                footer = {"", "Examples:", "  tokend oauth2 apps show <app id>"})
        int show(@Parameters(paramLabel = "APP", description = "The app's client id.") UUID id) {
            PrintWriter out = out();
            JsonOutput.print(out, context.client().oauth2App(id), OAuth2Json::write);
            out.flush();
            return 0;
        }

        @Command(name = "delete", aliases = "rm", mixinStandardHelpOptions = true,
                description = {"Delete an OAuth2 app, its secrets and every token it holds.", ""},
                footer = {"", "Examples:", "  tokend oauth2 apps delete <app id>"})
        int delete(@Parameters(paramLabel = "APP", description = "The app's client id.") UUID id) {
            context.client().deleteOAuth2App(id);
            return say("OAuth2 app " + id + " has been deleted.");
        }

        @Command(name = "secrets", mixinStandardHelpOptions = true,
                description = {"List an app's secrets (truncated; secrets are shown only when created).", ""},
                footer = {"", "Examples:", "  tokend oauth2 apps secrets <app id>"})
        int secrets(@Parameters(paramLabel = "APP", description = "The app's client id.") UUID id) {
            PrintWriter out = out();
            List<OAuth2ProviderAppSecret> secrets = context.client().oauth2AppSecrets(id);
            if (secrets.isEmpty()) {
                out.println("No secrets.");
            }
            for (OAuth2ProviderAppSecret s : secrets) {
                out.printf("%-10s  %s  last used %s%n", s.id(), s.clientSecretTruncated(),
                        s.lastUsedAt() == null ? "never" : s.lastUsedAt());
            }
            out.flush();
            return 0;
        }

        @Command(name = "secret-create", mixinStandardHelpOptions = true,
                description = {"Create a client secret. It is shown once.", ""},
                footer = {"", "Examples:", "  tokend oauth2 apps secret-create <app id>"})
        int secretCreate(@Parameters(paramLabel = "APP", description = "The app's client id.") UUID id) {
            OAuth2ProviderAppSecretFull secret = context.client().createOAuth2AppSecret(id);
            PrintWriter out = out();
            out.println(secret.clientSecretFull());
            out.flush();
            spec.commandLine().getErr().println("Secret " + secret.id() + " created. It will not be shown again.");
            spec.commandLine().getErr().flush();
            return 0;
        }

        @Command(name = "secret-delete", mixinStandardHelpOptions = true,
                description = {"Delete a client secret.", ""},
                footer = {"", "Examples:", "  tokend oauth2 apps secret-delete <app id> <secret id>"})
        int secretDelete(@Parameters(index = "0", paramLabel = "APP", description = "The app's client id.") UUID id,
                @Parameters(index = "1", paramLabel = "SECRET", description = "The secret's id.") String secretId) {
            context.client().deleteOAuth2AppSecret(id, secretId);
            return say("Secret " + secretId + " has been deleted.");
        }

        private PrintWriter out() {
            return spec.commandLine().getOut();
        }

        private int say(String sentence) {
            out().println(sentence);
            out().flush();
            return 0;
        }
    }
}
