package dev.tokend.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokend.server.auth.TokenFormat;
import dev.tokend.testkit.DbGen;
import dev.tokend.testkit.LogCapture;
import dev.tokend.testkit.RawHttp;
import dev.tokend.testkit.TestServer;
import dev.tokend.testkit.Tokens;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * No log line and no response (other than the one that mints it) ever contains a token, its
 * secret or its hash, nor a password.
 */
class SecretLeakTest {

    @Test
    void tokensSecretsHashesAndPasswordsNeverAppearInLogsOrLaterResponses() throws InterruptedException {
        List<String> responses = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        try (LogCapture logs = LogCapture.capture(); TestServer server = TestServer.start()) {
            TestServer.Account owner = server.createFirstUser();
            secrets.add(owner.token());
            RawHttp http = server.http();
            String cliKey = owner.client().createApiKey("me").key();
            secrets.add(cliKey);
            String named = DbGen.of(server).apiKey(owner.id()).namedToken("leak-check").insert().token();
            secrets.add(named);

            // Tokens through every source, including query strings that end up in access logs elsewhere.
            responses.add(http.get("/api/v2/users/me?coder_session_token=" + owner.token()).send().body());
            responses.add(http.get("/api/v2/users/me?access_token=" + cliKey).send().body());
            responses.add(http.get("/api/v2/users/me").bearer(named).send().body());
            responses.add(http.get("/api/v2/users/me").cookie("coder_session_token", owner.token()).send().body());
            responses.add(http.get("/api/v2/users").sessionToken(owner.token()).send().body());
            // Failures: a wrong secret for a real id, a broken checksum, a bad password, bad JSON.
            String wrongSecret = TokenFormat.assemble(Tokens.valid(named).kind(), Tokens.idOf(named),
                    Tokens.secretOf(cliKey));
            responses.add(http.get("/api/v2/users/me").sessionToken(wrongSecret).send().body());
            responses.add(http.get("/api/v2/users/me").sessionToken(named.substring(0, named.length() - 1) + "x")
                    .send().body());
            responses.add(http.post("/api/v2/users/login")
                    .json(Map.of("email", owner.email(), "password", "NotThePassword!42")).send().body());
            responses.add(http.post("/api/v2/users/login")
                    .json("{\"email\": \"" + owner.email() + "\", \"password\": 42, \"x\": \"NotThePassword!42\"}")
                    .send().body());
            responses.add(http.post("/api/v2/users/logout").sessionToken(cliKey).send().body());
            secrets.add("NotThePassword!42");
            secrets.add(TestServer.PASSWORD);

            List<String> forbidden = new ArrayList<>(secrets);
            for (String token : List.of(owner.token(), cliKey, named)) {
                String secret = Tokens.secretOf(token);
                forbidden.add(secret);
                forbidden.add(HexFormat.of().formatHex(TokenFormat.hashSecret(secret)));
                forbidden.add(java.util.Base64.getEncoder().encodeToString(TokenFormat.hashSecret(secret)));
            }
            // The last request's log line is written just after its answer: wait for it before scanning.
            assertThat(logs.await(l -> l.contains("route=/api/v2/users/logout"), java.time.Duration.ofSeconds(10)))
                    .isPresent();
            String logText = logs.text();
            assertThat(logText).contains("request"); // the capture did see the request log
            for (String secret : forbidden) {
                assertThat(logText).doesNotContain(secret);
                for (String body : responses) {
                    assertThat(body).doesNotContain(secret);
                }
            }
        }
    }
}
