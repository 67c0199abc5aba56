package dev.tokend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokend.sdk.ApiException;
import dev.tokend.sdk.TokendJson;
import dev.tokend.sdk.model.ApiKey;
import dev.tokend.sdk.model.ApiKeyWithOwner;
import dev.tokend.testkit.TestServer;
import dev.tokend.testkit.Tokens;
import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code tokend tokens create|list|view|update|remove} against a real server (reference §9.1). */
class TokensCommandTest {
    private static final String TOKEN_PATTERN = "tkdt_[0-9A-Za-z]{10}_[0-9A-Za-z]{28}";
    private static final String ALLOWED_ID = "5b1a6f2e-9d0c-4a57-8f43-2c9e1d7b6a10";

    private static TestServer server;
    private static TestServer.Account owner;
    private static TestServer.Account member;
    private static CliRunner asOwner;
    private static CliRunner asMember;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        owner = server.createFirstUser();
        member = server.createUser(owner);
        asOwner = CliRunner.signedIn(server, owner);
        asMember = CliRunner.signedIn(server, member);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Creates a token through the CLI and returns it. */
    private static String create(CliRunner cli, String... extra) {
        String[] args = new String[extra.length + 2];
        args[0] = "tokens";
        args[1] = "create";
        System.arraycopy(extra, 0, args, 2, extra.length);
        CliRunner.Result result = cli.run(args);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.value();
    }

    private static ApiKey key(TestServer.Account account, String token) {
        return account.client().apiKey("me", Tokens.idOf(token));
    }

    private static JsonNode json(CliRunner.Result result) throws IOException {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return TokendJson.mapper().readTree(result.out());
    }

    private static int statusOf(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e.status();
        }
        return 200;
    }

    // ---- create ----

    @Test
    void createPrintsOnlyTheTokenSoCommandSubstitutionWorks() {
        CliRunner.Result result = asMember.run("tokens", "create", "--name", TestServer.uniqueTokenName());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).matches(TOKEN_PATTERN + "\n");
        assertThat(result.err()).isEmpty();
        assertThat(server.client(result.value()).me().id()).isEqualTo(member.id());
    }

    @Test
    void createWithoutLifetimeUsesTheServersMaximumForTheTargetUser() {
        String ownerToken = create(asOwner, "-n", TestServer.uniqueTokenName());
        String memberToken = create(asMember, "-n", TestServer.uniqueTokenName());

        // Test server defaults: owners 168h, members 876600h (reference §5.1).
        assertThat(key(owner, ownerToken).lifetimeSeconds()).isEqualTo(Duration.ofHours(168).toSeconds());
        assertThat(key(member, memberToken).lifetimeSeconds()).isEqualTo(Duration.ofHours(876600).toSeconds());
    }

    @ParameterizedTest
    @CsvSource({"90m,5400", "36h,129600", "7d,604800", "1y,31536000", "1y2d,31708800"})
    void lifetimeAcceptsGoDurationsWithDaysAndYears(String lifetime, long seconds) {
        String token = create(asMember, "--lifetime", lifetime, "-n", TestServer.uniqueTokenName());

        assertThat(key(member, token).lifetimeSeconds()).isEqualTo(seconds);
    }

    @Test
    void lifetimeOverTheMaximumIsRefusedBeforeAnyRequestWithTheReferenceMessage() {
        String name = TestServer.uniqueTokenName();

        CliRunner.Result result = asOwner.run("tokens", "create", "-n", name, "--lifetime", "8d");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo(
                "Error: lifetime (192h0m0s) is greater than the maximum allowed lifetime (168h0m0s)\n");
        assertThat(result.out()).isEmpty();
        assertThat(owner.client().tokens("me", false, true)).noneMatch(t -> t.tokenName().equals(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "-1h", "soon", "7 days"})
    void nonPositiveOrUnparsableLifetimeIsAUsageError(String lifetime) {
        CliRunner.Result result = asMember.run("tokens", "create", "--lifetime", lifetime);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--lifetime").doesNotContain("PT");
    }

    @Test
    void aNegativeLifetimeIsShownAsTyped() {
        CliRunner.Result result = asMember.run("tokens", "create", "--lifetime", "-5d");

        assertThat(result.err()).startsWith("Error: --lifetime must be positive, not -120h0m0s\n");
    }

    @Test
    void scopesAndAllowListAreRepeatable() {
        String token = create(asMember, "-n", TestServer.uniqueTokenName(), "--scope", "api_key:read",
                "--scope", "user:read", "--allow", "workspace:" + ALLOWED_ID, "--allow", "template:*");

        ApiKey key = key(member, token);
        assertThat(key.scopes()).containsExactlyInAnyOrder("api_key:read", "user:read");
        assertThat(key.allowList()).extracting(Object::toString)
                .containsExactlyInAnyOrder("workspace:" + ALLOWED_ID, "template:*");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad", "workspace:", ":" + ALLOWED_ID, "workspace:not-a-uuid", "a:b:c", ""})
    void malformedAllowEntryIsAUsageErrorNamingTheEntry(String entry) {
        CliRunner.Result result = asMember.run("tokens", "create", "--allow", entry);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("invalid allow_list entry");
    }

    @Test
    void unknownScopeShowsTheServersMessageAndDetail() {
        CliRunner.Result result = asMember.run("tokens", "create", "--scope", "no_such:thing");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("Failed to create API key.").contains("no_such:thing");
    }

    @Test
    void jsonOutputHasTheApiKeyFieldsAndTheKey() throws IOException {
        String name = TestServer.uniqueTokenName();

        JsonNode created = json(asMember.run("tokens", "create", "-n", name, "--lifetime", "1d", "-o", "json"));

        assertThat(created.path("key").asText()).matches(TOKEN_PATTERN);
        assertThat(created.path("id").asText()).isEqualTo(Tokens.idOf(created.path("key").asText()));
        assertThat(created.path("token_name").asText()).isEqualTo(name);
        assertThat(created.path("user_id").asText()).isEqualTo(member.id().toString());
        assertThat(created.path("lifetime_seconds").asLong()).isEqualTo(86400);
        assertThat(created.path("login_type").asText()).isEqualTo("token");
        assertThat(created.has("expires_at")).isTrue();
        assertThat(created.has("last_used")).isTrue();
        assertThat(created.path("scopes").get(0).asText()).isEqualTo("coder:all");
        assertThat(created.path("allow_list").get(0).path("type").asText()).isEqualTo("*");
    }

    @Test
    void ownerCreatesForAnotherUserWithThatUsersMaximum() {
        String token = create(asOwner, "--user", member.username(), "-n", TestServer.uniqueTokenName());

        ApiKey key = key(member, token);
        assertThat(key.userId()).isEqualTo(member.id());
        assertThat(key.lifetimeSeconds()).isEqualTo(Duration.ofHours(876600).toSeconds());
    }

    @Test
    void memberCannotCreateForAnotherUser() {
        CliRunner.Result result = asMember.run("tokens", "create", "-u", owner.username());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("Error: ").doesNotContain("\tat ");
    }

    @Test
    void duplicateNameShowsTheServersMessageAndValidation() {
        String name = TestServer.uniqueTokenName();
        create(asMember, "-n", name);

        CliRunner.Result result = asMember.run("tokens", "create", "-n", name);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("A token with name \"" + name + "\" already exists.")
                .contains("name: This value is already in use and should be unique.");
    }

    // ---- list ----

    @Test
    void listShowsTheDefaultColumnsAligned() {
        String name = TestServer.uniqueTokenName();
        create(asMember, "-n", name, "--lifetime", "7d");

        CliRunner.Result result = asMember.run("tokens", "list");

        assertThat(result.exitCode()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines.get(0)).matches(
                "ID +NAME +SCOPES +ALLOW LIST +LAST USED +EXPIRES AT +CREATED AT");
        String row = lines.stream().filter(l -> l.contains(" " + name + " ")).findFirst().orElseThrow();
        // Aligned: every column starts where its header does.
        assertThat(row.indexOf(name)).isEqualTo(lines.get(0).indexOf("NAME"));
        assertThat(row.indexOf("coder:all")).isEqualTo(lines.get(0).indexOf("SCOPES"));
        assertThat(row.indexOf("never")).isEqualTo(lines.get(0).indexOf("LAST USED"));
        assertThat(lines).noneMatch(l -> l.endsWith(" "));
    }

    @Test
    void listTimesAreRelativeToTheClisClock() {
        TestServer.Account account = server.freshSession(owner);
        String name = TestServer.uniqueTokenName();
        create(CliRunner.signedIn(server, account), "-n", name, "--lifetime", "7d");
        InstantSource threeHoursLater = InstantSource.fixed(server.clock().instant().plus(Duration.ofHours(3)));

        CliRunner.Result result = CliRunner.signedIn(server, account).clock(threeHoursLater)
                .run("tokens", "ls", "-c", "name,expires at,created_at,last-used");

        assertThat(result.out().lines().filter(l -> l.startsWith(name + " ")).findFirst().orElseThrow())
                .matches(name + " +in 7 days +3 hours ago +never");
    }

    @Test
    void sevenDayTokenReadsInSevenDaysRightAfterCreationNotSix() {
        TestServer.Account account = server.freshSession(owner);
        String name = TestServer.uniqueTokenName();
        create(CliRunner.signedIn(server, account), "-n", name, "--lifetime", "7d");
        InstantSource aSecondLater = InstantSource.fixed(server.clock().instant().plusSeconds(1));

        CliRunner.Result result = CliRunner.signedIn(server, account).clock(aSecondLater)
                .run("tokens", "ls", "-c", "name,expires_at");

        assertThat(result.out().lines().filter(l -> l.startsWith(name + " ")).findFirst().orElseThrow())
                .matches(name + " +in 7 days");
    }

    @Test
    void listOfAUserWithoutTokensSaysSo() {
        TestServer.Account lonely = server.createUser(owner);

        CliRunner.Result result = CliRunner.signedIn(server, lonely).run("tokens", "ls");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("No tokens found.\n");
        assertThat(CliRunner.signedIn(server, lonely).run("tokens", "ls", "-o", "json").value()).isEqualTo("[ ]");
    }

    @Test
    void listWithATokenThatMayNotReadTokensSaysItLacksTheScope() {
        TestServer.Account account = server.freshSession(owner);
        create(CliRunner.signedIn(server, account), "-n", TestServer.uniqueTokenName());
        String userRead = create(CliRunner.signedIn(server, account), "-n", TestServer.uniqueTokenName(),
                "--scope", "user:read");

        CliRunner.Result result = CliRunner.create().env(CliContext.ENV_URL, server.url().toString())
                .env(CliContext.ENV_SESSION_TOKEN, userRead).run("tokens", "ls");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).doesNotContain("No tokens found.");
        assertThat(result.err()).contains(TokenListCommand.NO_ACCESS).contains("lacks the scope api_key:read");
    }

    @Test
    void viewOfATokenWithAWrongChecksumIsRefusedLocallyWithTheServersMessage() {
        // No server at the URL: the answer can only come from the local check.
        CliRunner cli = CliRunner.create().env(CliContext.ENV_URL, CliRunner.closedPortUrl())
                .env(CliContext.ENV_SESSION_TOKEN, owner.token());

        CliRunner.Result result = cli.run("tokens", "view", "tkdt_8fJ2kQ9xLm_Zt4Wq1Nf7Rb3Yc6Vh0Ks2P1PCkRR");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("Invalid API key format: checksum mismatch")
                .doesNotContain("Zt4Wq1Nf7Rb3Yc6Vh0Ks2P");
    }

    @Test
    void aMalformedTokenIsRefusedBeforeAskingForASession() {
        for (String command : new String[] {"view", "rm"}) {
            CliRunner.Result result = CliRunner.create().run("tokens", command, "tkdt_8fJ2kQ9xLm_Zt4Wq1Nf7Rb3Yc6Vh0Ks2P1PCkRR");

            assertThat(result.exitCode()).as(command).isEqualTo(1);
            assertThat(result.err()).as(command).contains("Invalid API key format: checksum mismatch")
                    .doesNotContain("not signed in");
        }
    }

    @Test
    void removeAndCompleteWork() throws IOException {
        String name = TestServer.uniqueTokenName();
        create(asMember, "-n", name);

        assertThat(asMember.run("__complete", "tokens").out().lines()).contains(name);
        assertThat(asMember.run("__complete", "scopes", "api_key:").out().lines()).contains("api_key:read");
        JsonNode removed = json(asMember.run("tokens", "rm", name, "-o", "json"));
        assertThat(removed.get("message").asText()).isEqualTo(TokenRemoveCommand.EXPIRED);
        assertThat(removed.get("id").asText()).hasSize(10);
    }

    @Test
    void completeIsQuietWhenTheServerCannotBeReached() {
        CliRunner.Result result = CliRunner.create().env(CliContext.ENV_URL, CliRunner.closedPortUrl())
                .env(CliContext.ENV_SESSION_TOKEN, owner.token()).run("__complete", "tokens");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEmpty();
    }

    @Test
    void listAllShowsEveryonesTokensWithAnOwnerColumnToOwners() {
        String name = TestServer.uniqueTokenName();
        create(asMember, "-n", name);

        CliRunner.Result all = asOwner.run("tokens", "ls", "--all");
        CliRunner.Result own = asOwner.run("tokens", "ls");

        assertThat(all.out().lines().findFirst().orElseThrow()).contains("OWNER");
        assertThat(all.out()).contains(name).contains(member.username());
        assertThat(own.out().lines().findFirst().orElseThrow()).doesNotContain("OWNER");
        assertThat(own.out()).doesNotContain(name);
    }

    @Test
    void expiredTokensAreListedOnlyWithIncludeExpired() {
        String name = TestServer.uniqueTokenName();
        create(asMember, "-n", name);
        assertThat(asMember.run("tokens", "rm", name).exitCode()).isZero();

        assertThat(asMember.run("tokens", "ls").out()).doesNotContain(name);
        assertThat(asMember.run("tokens", "ls", "--include-expired").out()).contains(name);
    }

    @Test
    void listJsonIsTheApisListWithOwners() throws IOException {
        String name = TestServer.uniqueTokenName();
        create(asMember, "-n", name);

        JsonNode list = json(asMember.run("tokens", "ls", "-o", "json"));

        assertThat(list.isArray()).isTrue();
        List<ApiKeyWithOwner> tokens = TokendJson.mapper().convertValue(list,
                TokendJson.mapper().getTypeFactory().constructCollectionType(List.class, ApiKeyWithOwner.class));
        assertThat(tokens).anySatisfy(t -> {
            assertThat(t.tokenName()).isEqualTo(name);
            assertThat(t.username()).isEqualTo(member.username());
        });
    }

    @Test
    void columnOptionChoosesAndOrdersColumns() {
        create(asMember, "-n", TestServer.uniqueTokenName());

        CliRunner.Result result = asMember.run("tokens", "ls", "-c", "name", "-c", "LAST_USED,id");

        assertThat(result.out().lines().findFirst().orElseThrow()).matches("NAME +LAST USED +ID");
    }

    @Test
    void unknownColumnIsAUsageErrorListingTheValidOnes() {
        CliRunner.Result result = asMember.run("tokens", "ls", "-c", "name,colour");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Unknown column \"colour\"").contains("expires at");
    }

    @Test
    void tokenIsAnAliasOfTokensAndLsOfList() {
        assertThat(asMember.run("token", "ls").exitCode()).isZero();
        assertThat(asMember.run("tokens", "list").exitCode()).isZero();
    }

    // ---- view ----

    @ParameterizedTest
    @ValueSource(strings = {"name", "id", "token"})
    void viewFindsATokenByNameIdOrTheTokenItself(String by) throws IOException {
        String name = TestServer.uniqueTokenName();
        String token = create(asMember, "-n", name);
        String reference = switch (by) {
            case "name" -> name;
            case "id" -> Tokens.idOf(token);
            default -> token;
        };

        CliRunner.Result table = asMember.run("tokens", "view", reference);
        JsonNode json = json(asMember.run("tokens", "view", reference, "-o", "json"));

        assertThat(table.exitCode()).as(table.toString()).isZero();
        assertThat(table.out().lines().findFirst().orElseThrow()).contains("OWNER");
        assertThat(table.out()).contains(name).contains(member.username()).doesNotContain(Tokens.secretOf(token));
        assertThat(json.path("token_name").asText()).isEqualTo(name);
        assertThat(json.path("username").asText()).isEqualTo(member.username());
    }

    @Test
    void viewOfAnUnknownTokenIsNotFound() {
        CliRunner.Result result = asMember.run("tokens", "view", "no-such-token");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("not found");
    }

    // ---- update ----

    @Test
    void updateNarrowsScopesAndRestartsTheLifetime() {
        String name = TestServer.uniqueTokenName();
        String token = create(asMember, "-n", name, "--lifetime", "30d");

        CliRunner.Result result = asMember.run("tokens", "update", name, "--scope", "user:read", "--lifetime", "2d",
                "--allow", "workspace:" + ALLOWED_ID);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains(name).contains("user:read");
        ApiKey key = key(member, token);
        assertThat(key.scopes()).containsExactly("user:read");
        assertThat(key.lifetimeSeconds()).isEqualTo(Duration.ofDays(2).toSeconds());
        assertThat(key.allowList()).extracting(Object::toString).containsExactly("workspace:" + ALLOWED_ID);
    }

    @Test
    void updateWithNothingToChangeIsAUsageError() {
        CliRunner.Result result = asMember.run("tokens", "update", "anything");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Nothing to update");
    }

    @Test
    void updateOverTheMaximumLifetimeIsRefused() {
        String name = TestServer.uniqueTokenName();
        create(asOwner, "-n", name, "--lifetime", "1d");

        CliRunner.Result result = asOwner.run("tokens", "update", name, "--lifetime", "1y");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("lifetime (8760h0m0s) is greater than the maximum allowed lifetime (168h0m0s)");
    }

    @Test
    void updateOfAnUnknownTokenIsNotFound() {
        CliRunner.Result result = asMember.run("tokens", "update", "no-such-token", "--scope", "user:read");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("not found");
    }

    @Test
    void updateJsonIsTheUpdatedToken() throws IOException {
        String name = TestServer.uniqueTokenName();
        create(asMember, "-n", name);

        JsonNode json = json(asMember.run("tokens", "update", name, "--scope", "api_key:read", "-o", "json"));

        assertThat(json.path("scopes").get(0).asText()).isEqualTo("api_key:read");
    }

    // ---- remove ----

    @ParameterizedTest
    @CsvSource({"remove,name", "rm,id", "delete,token"})
    void removeExpiresByDefaultWhateverTheReference(String command, String by) {
        String name = TestServer.uniqueTokenName();
        String token = create(asMember, "-n", name);
        String reference = switch (by) {
            case "name" -> name;
            case "id" -> Tokens.idOf(token);
            default -> token;
        };

        CliRunner.Result result = asMember.run("tokens", command, reference);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo(TokenRemoveCommand.EXPIRED + "\n");
        assertThat(statusOf(() -> server.client(token).me())).isEqualTo(401);
        assertThat(member.client().tokens("me", false, true)).anyMatch(t -> t.tokenName().equals(name));
    }

    @Test
    void removeWithDeleteRemovesTheRecord() {
        String name = TestServer.uniqueTokenName();
        String token = create(asMember, "-n", name);

        CliRunner.Result result = asMember.run("tokens", "rm", name, "--delete");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo(TokenRemoveCommand.DELETED + "\n");
        assertThat(statusOf(() -> server.client(token).me())).isEqualTo(401);
        assertThat(member.client().tokens("me", false, true)).noneMatch(t -> t.tokenName().equals(name));
    }

    @Test
    void removeOfAnUnknownNameIsNotFound() {
        CliRunner.Result result = asMember.run("tokens", "rm", "no-such-token");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("not found");
    }

    @Test
    void memberRemovingAnotherUsersTokenByIdGetsNotFoundAndTheTokenSurvives() {
        String token = create(asOwner, "-n", TestServer.uniqueTokenName());

        CliRunner.Result byId = asMember.run("tokens", "rm", Tokens.idOf(token));
        CliRunner.Result byToken = asMember.run("tokens", "rm", token, "--delete");

        assertThat(byId.exitCode()).isEqualTo(1);
        assertThat(byId.err()).contains("not found");
        assertThat(byToken.exitCode()).isEqualTo(1);
        assertThat(byToken.err()).contains("not found").doesNotContain(Tokens.secretOf(token));
        assertThat(server.client(token).me().id()).isEqualTo(owner.id());
    }
}
