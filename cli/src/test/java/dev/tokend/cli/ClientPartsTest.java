package dev.tokend.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Server URLs, token references, allow-list entries and the configuration store. */
class ClientPartsTest {
    @ParameterizedTest
    @CsvSource({
        "http://127.0.0.1:3000,http://127.0.0.1:3000", "http://127.0.0.1:3000/,http://127.0.0.1:3000",
        "127.0.0.1:3000,http://127.0.0.1:3000", "localhost:3000/,http://localhost:3000",
        "tokend.example.com,https://tokend.example.com", "HTTPS://tokend.example.com/base/,HTTPS://tokend.example.com/base"})
    void serverUrlsGetASchemeAndLoseTrailingSlashes(String typed, String expected) {
        assertThat(ServerUrl.parse(typed)).hasToString(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com", "http://", "http://exa mple.com"})
    void unusableServerUrlsAreRefused(String typed) {
        assertThatThrownBy(() -> ServerUrl.parse(typed)).isInstanceOf(CliException.class)
                .hasMessageContaining("is not a valid URL");
    }

    @ParameterizedTest
    @CsvSource({
        "tkdt_8fJ2kQ9xLm_Zt4Wq1Nf7Rb3Yc6Vh0Ks2P1PCkRQ,8fJ2kQ9xLm", "tkds_8fJ2kQ9xLm_Zt4Wq1Nf7Rb3Yc6Vh0Ks2P1PCkRQ,",
        "8fJ2kQ9xLm,", "ci,", "tkdt_8fJ2kQ9xLm_short,"})
    void onlyAWellFormedTokenYieldsTheIdInside(String text, String id) {
        assertThat(TokenText.idOf(text).orElse(null)).isEqualTo(id);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "tkdt_8fJ2kQ9xLm_Zt4Wq1Nf7Rb3Yc6Vh0Ks2P1PCkRQ|",
        "tkdt_8fJ2kQ9xLm_Zt4Wq1Nf7Rb3Yc6Vh0Ks2P1PCkRR|checksum mismatch",
        "tkds_8fJ2kQ9xLm_Zt4Wq1Nf7Rb3Yc6Vh0Ks2P1PCkRQ|checksum mismatch",
        "tkdx_8fJ2kQ9xLm_Zt4Wq1Nf7Rb3Yc6Vh0Ks2P1PCkRQ|unknown token prefix",
        "tkdt_abc|expected 3 parts separated by \"_\" got 2",
        "tkdt_8fJ2kQ9xL_Zt4Wq1Nf7Rb3Yc6Vh0Ks2P1PCkRQ|invalid API key ID length, expected 10 got 9",
        "tkdt_8fJ2kQ9xLm_Zt4Wq1Nf7Rb3Yc6Vh0Ks2P1PCkR|invalid API key secret length, expected 28 got 27",
        "tkdt_8fJ2kQ9xL-_Zt4Wq1Nf7Rb3Yc6Vh0Ks2P1PCkRQ|invalid characters"})
    void tokenFormatIsCheckedAsTheServerDoes(String token, String problem) {
        assertThat(TokenText.problem(token).orElse(null))
                .isEqualTo(problem == null ? null : TokenText.INVALID + problem);
    }

    @Test
    void unexpectedFailuresShowTheirMessageWithoutJavaClassNames() {
        IllegalStateException inUse = new IllegalStateException("data directory /x is in use by another tokend");

        assertThat(ErrorReporter.sentence(inUse)).isEqualTo("data directory /x is in use by another tokend");
        assertThat(ErrorReporter.sentence(new RuntimeException(inUse))).isEqualTo(inUse.getMessage());
        assertThat(ErrorReporter.sentence(new NullPointerException())).doesNotContain("java.").doesNotContain("Exception");
    }

    @Test
    void theErrorReporterPrintsNoJavaClassNamesForAWrappedFailure() {
        StringWriter err = new StringWriter();
        CommandLine command = Main.commandLine().setErr(new PrintWriter(err));
        CliContext context = new CliContext(name -> null, null, new StringReader(""),
                InstantSource.system(), Path.of("."));

        int status = new ErrorReporter(context).handleExecutionException(
                new IllegalStateException(new IOException("data directory /x is in use by another tokend")), command, null);

        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("Error: data directory /x is in use by another tokend\n")
                .doesNotContain("java.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            <html>proxy error</html>           | Unexpected character ('<'
            {"id": "not-a-uuid"}               | expected a UUID at /id
            {"username": "ada"} {"more": true} | more JSON after the value
            """)
    void anAnswerThatIsNotTheApisJsonSaysSoAndPointsAtTheUrl(String answer, String problem) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (exchange) {
                exchange.getResponseBody().write(bytes);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            CliRunner.Result whoami = CliRunner.create().env(CliContext.ENV_URL, url)
                    .env(CliContext.ENV_SESSION_TOKEN, "tkdt_8fJ2kQ9xLm_Zt4Wq1Nf7Rb3Yc6Vh0Ks2P1PCkRQ").run("whoami");

            assertThat(whoami.exitCode()).as(whoami.toString()).isEqualTo(1);
            assertThat(whoami.err()).startsWith("Error: " + url + " answered something that is not the tokend API (")
                    .contains(problem).endsWith("). Check the URL.\n");
        } finally {
            server.stop(0);
        }
    }

    @ParameterizedTest
    @CsvSource({"workspace:*,workspace:*", "*:*,*:*",
        "workspace:5B1A6F2E-9D0C-4A57-8F43-2C9E1D7B6A10,workspace:5b1a6f2e-9d0c-4a57-8f43-2c9e1d7b6a10"})
    void allowEntriesAreTypeAndUuidOrWildcard(String typed, String expected) {
        assertThat(new AllowListConverter().convert(typed)).hasToString(expected);
    }

    @Test
    void configStoreWritesPrivateFilesAndClearsThem(@TempDir Path temp) throws IOException {
        ConfigStore store = new ConfigStore(temp.resolve("a/b/tokend"));
        assertThat(store.url()).isEmpty();

        store.save("http://127.0.0.1:3000", "secret-session");

        assertThat(store.url()).contains("http://127.0.0.1:3000");
        assertThat(store.session()).contains("secret-session");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.dir()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.dir().resolve("session"))))
                .isEqualTo("rw-------");
        try (var files = Files.list(store.dir())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("url", "session");
        }
        assertThat(store.clear()).isTrue();
        assertThat(store.session()).isEmpty();
        assertThat(store.clear()).isFalse();
    }

    @Test
    void configStoreTightensAFileThatWasReadableByOthers(@TempDir Path temp) throws IOException {
        ConfigStore store = new ConfigStore(temp);
        Files.writeString(temp.resolve("session"), "old");
        Files.setPosixFilePermissions(temp.resolve("session"), PosixFilePermissions.fromString("rw-r--r--"));

        store.save("http://127.0.0.1:3000", "new");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("session"))))
                .isEqualTo("rw-------");
        assertThat(store.session()).contains("new");
    }
}
