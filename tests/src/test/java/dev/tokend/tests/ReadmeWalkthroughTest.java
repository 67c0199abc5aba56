package dev.tokend.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokend.testkit.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the README's curl walk-through, exactly as written except for the port, against a fresh
 * server, so the README cannot drift from the code.
 */
class ReadmeWalkthroughTest {

    @Test
    void readmeCurlWalkthroughWorksAsWritten() throws IOException, InterruptedException {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher block = Pattern.compile("## Walk-through with curl.*?```sh\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find()).as("README has the walk-through block").isTrue();
        try (TestServer server = TestServer.start()) {
            String script = "set -eu\n" + block.group(1).replace("http://127.0.0.1:3000", server.url().toString());
            Process bash = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
            String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(bash.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(bash.exitValue()).as(output).isZero();
            assertThat(output)
                    .contains("\"user_id\":")
                    .contains("\"username\":\"admin\"")
                    .contains("{\"message\":\"Logged out!\"}")
                    .endsWith("{\"message\":\"You are signed out or your session has expired. Please sign in again "
                            + "to continue.\",\"detail\":\"API key is invalid.\"}");
        }
    }
}
