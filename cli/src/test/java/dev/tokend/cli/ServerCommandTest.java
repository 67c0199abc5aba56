package dev.tokend.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokend.server.ServerOptions;
import dev.tokend.server.oauth2.OAuth2Settings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code tokend server} options: defaults, flags, TOKEND_* variables and usage errors. */
class ServerCommandTest {
    private static ServerOptions parse(Map<String, String> env, String... args) {
        return ServerStart.parse(new EnvironmentDefaults(env::get), args);
    }

    /** Runs the real command line with {@code env} and returns {exit code, stdout, stderr}. */
    private static Object[] run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine().setDefaultValueProvider(new EnvironmentDefaults(env::get));
        cl.setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Object[] {code, out.toString(), err.toString()};
    }

    @Test
    void defaultsComeFromServerOptions() {
        ServerOptions o = parse(Map.of());
        ServerOptions d = ServerOptions.defaults();
        assertThat(o.httpAddress()).isEqualTo("127.0.0.1:3000");
        assertThat(o.accessUrl()).isNull();
        assertThat(o.postgresUrl()).isEmpty();
        assertThat(o.sessionDuration()).isEqualTo(Duration.ofHours(24));
        assertThat(o.defaultTokenLifetime()).isEqualTo(Duration.ofDays(7));
        assertThat(o.maxTokenLifetime()).isEqualTo(Duration.ofHours(876600));
        assertThat(o.maxAdminTokenLifetime()).isEqualTo(Duration.ofHours(168));
        assertThat(o.apiKeysRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(o).isEqualTo(d);
    }

    @Test
    void oauth2DefaultsAreTheServersAndFlagsAndVariablesSetThem() {
        assertThat(ServerStart.parseOAuth2(new EnvironmentDefaults(Map.<String, String>of()::get)))
                .isEqualTo(OAuth2Settings.defaults());

        Map<String, String> env = Map.of("TOKEND_OAUTH2_ACCESS_TOKEN_LIFETIME", "15m",
                "TOKEND_OAUTH2_RATE_LIMIT", "0");
        OAuth2Settings set = ServerStart.parseOAuth2(new EnvironmentDefaults(env::get), "--oauth2-refresh-token-lifetime",
                "7d", "--oauth2-code-lifetime", "2m", "--oauth2-device-code-lifetime", "5m",
                "--oauth2-registrations-per-day", "3", "--oauth2-purge-retention", "1d", "--oauth2-refresh-reuse-grace", "0s",
                "--oauth2-device-poll-interval", "12s");
        assertThat(set).isEqualTo(new OAuth2Settings(Duration.ofMinutes(15), Duration.ofDays(7), Duration.ZERO,
                Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofSeconds(12), 3, 0, Duration.ofDays(1)));
    }

    @Test
    void environmentVariablesSetOptionsAndFlagsWin() {
        Map<String, String> env = Map.of("TOKEND_HTTP_ADDRESS", "0.0.0.0:8080", "TOKEND_SESSION_DURATION", "7d",
                "TOKEND_DISABLE_PASSWORD_AUTH", "true", "TOKEND_DATA_DIR", "/tmp/tokend-env",
                "TOKEND_ACCESS_URL", "https://tokend.example.com");
        ServerOptions fromEnv = parse(env);
        assertThat(fromEnv.httpAddress()).isEqualTo("0.0.0.0:8080");
        assertThat(fromEnv.sessionDuration()).isEqualTo(Duration.ofDays(7));
        assertThat(fromEnv.disablePasswordAuth()).isTrue();
        assertThat(fromEnv.dataDir()).isEqualTo(Path.of("/tmp/tokend-env"));
        assertThat(fromEnv.accessUrl()).hasToString("https://tokend.example.com");
        ServerOptions flagWins = parse(env, "--http-address", "127.0.0.1:9000", "--session-duration", "1h30m");
        assertThat(flagWins.httpAddress()).isEqualTo("127.0.0.1:9000");
        assertThat(flagWins.sessionDuration()).isEqualTo(Duration.ofMinutes(90));
    }

    @ParameterizedTest
    @CsvSource({"90s,PT1M30S", "1h30m,PT1H30M", "24h,PT24H", "7d,PT168H", "1y,PT8760H"})
    void durationsAcceptGoSyntaxWithDaysAndYears(String text, Duration expected) {
        assertThat(parse(Map.of(), "--default-token-lifetime", text).defaultTokenLifetime()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "--session-duration,abc", "--session-duration,-1h", "--http-address,nohost", "--log-format,xml",
        "--log-level,loud", "--access-url,ftp://x", "--postgres-url,mysql://db", "--max-token-lifetime,0s",
        "--api-keys-retention,-1h", "--proxy-trusted-origins,10.0.0.0/33", "--max-concurrent-logins,-1",
        "--prometheus-address,nope", "--api-rate-limit,many", "--oauth2-access-token-lifetime,0s",
        "--oauth2-refresh-token-lifetime,-1h", "--oauth2-code-lifetime,soon", "--oauth2-device-code-lifetime,0s",
        "--oauth2-registrations-per-day,-1", "--oauth2-rate-limit,-5", "--oauth2-purge-retention,-1m",
        "--oauth2-refresh-reuse-grace,-1s", "--oauth2-device-poll-interval,0s", "--oauth2-device-poll-interval,1.5s"})
    void badOptionExitsWithStatusTwoNamingTheOption(String option, String value) {
        Object[] result = run(Map.of(), "server", option, value);
        assertThat(result[0]).isEqualTo(2);
        assertThat((String) result[2]).contains(option);
    }

    @Test
    void badEnvironmentValueNamesTheOption() {
        Object[] result = run(Map.of("TOKEND_SESSION_DURATION", "forever"), "server");
        assertThat(result[0]).isEqualTo(2);
        assertThat((String) result[2]).contains("--session-duration");
    }

    @Test
    void helpListsEveryOptionWithItsVariable() {
        Object[] result = run(Map.of(), "server", "--help");
        assertThat(result[0]).isEqualTo(0);
        String help = (String) result[1];
        for (String option : new String[] {"--http-address", "--access-url", "--postgres-url", "--data-dir",
            "--session-duration", "--disable-session-expiry-refresh", "--disable-password-auth",
            "--secure-auth-cookie", "--log-format", "--log-level", "--default-token-lifetime", "--max-token-lifetime",
            "--max-admin-token-lifetime", "--api-keys-retention", "--api-rate-limit", "--dangerous-disable-rate-limits",
            "--proxy-trusted-origins", "--proxy-trusted-headers", "--max-concurrent-logins", "--prometheus-enable",
            "--prometheus-address", "--oauth2-access-token-lifetime", "--oauth2-refresh-token-lifetime",
            "--oauth2-code-lifetime", "--oauth2-device-code-lifetime", "--oauth2-registrations-per-day",
            "--oauth2-rate-limit", "--oauth2-purge-retention", "--oauth2-refresh-reuse-grace",
            "--oauth2-device-poll-interval"}) {
            assertThat(help).contains(option).contains(EnvironmentDefaults.variableFor(option));
        }
    }

    @Test
    void topLevelHelpNamesTheServerCommand() {
        Object[] result = run(Map.of(), "--help");
        assertThat(result[0]).isEqualTo(0);
        assertThat((String) result[1]).contains("server");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(run(Map.of(), "server", "--no-such-option")[0]).isEqualTo(2);
        assertThatThrownBy(() -> parse(Map.of(), "--no-such-option")).isInstanceOf(CommandLine.ParameterException.class);
    }
}
