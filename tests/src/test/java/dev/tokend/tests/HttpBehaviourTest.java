package dev.tokend.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokend.testkit.RawHttp;
import dev.tokend.testkit.TestServer;
import dev.tokend.testkit.TestServerExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Routing, JSON decoding and size limits (spec §2.0), common headers, meta endpoints. */
class HttpBehaviourTest {
    @RegisterExtension
    static final TestServerExtension server = TestServerExtension.create();


    @Test
    void unknownRouteIs404Json() {
        RawHttp.Response r = server.http().get("/api/v2/nope").send();
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.message()).isEqualTo("Route not found.");
        assertThat(r.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void wrongMethodIs405JsonWithAllow() {
        RawHttp.Response r = server.http().method("PATCH", "/api/v2/users/first").send();
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("Allow")).contains("GET").contains("POST");
        assertThat(r.json().has("message")).isTrue();
    }

    @Test
    void malformedJsonIs400() {
        RawHttp.Response r = server.http().post("/api/v2/users/login").json("{\"email\": ").send();
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.message()).isEqualTo("Request body must be valid JSON.");
        RawHttp.Response empty = server.http().post("/api/v2/users/login").send();
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.message()).isEqualTo("Request body must be valid JSON.");
    }

    @Test
    void wrongJsonTypesAre400AndNeverEchoTheValue() {
        RawHttp.Response r = server.http().post("/api/v2/users/login")
                .json("{\"email\": 12345, \"password\": [\"SecretValue!\"]}").send();
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.message()).isEqualTo("Request body must be valid JSON.");
        assertThat(r.body()).doesNotContain("SecretValue");
        RawHttp.Response notObject = server.http().post("/api/v2/users/login").json("[1,2]").send();
        assertThat(notObject.status()).isEqualTo(400);
        RawHttp.Response nullBody = server.http().post("/api/v2/users/login").json("null").send();
        assertThat(nullBody.status()).isEqualTo(400);
    }

    @Test
    void declaredOversizedBodyIs413WithoutSendingIt() throws IOException {
        try (Socket socket = new Socket(server.url().getHost(), server.url().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v2/users/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 104857600\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = readHead(socket.getInputStream());
            assertThat(head).startsWith("HTTP/1.1 413");
        }
    }

    @Test
    void chunkedOversizedBodyIs413() {
        byte[] big = new byte[(1 << 20) + 10];
        java.util.Arrays.fill(big, (byte) ' ');
        big[0] = '{';
        RawHttp.Response r = server.http().post("/api/v2/users/login").header("Content-Type", "application/json")
                .body(big).send();
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.message()).isEqualTo("Request body too large.");
    }

    @Test
    void everyResponseHasARequestIdAndNosniff() {
        RawHttp.Response r = server.http().get("/healthz").send();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().strip()).isEqualTo("OK");
        assertThat(r.header("X-Request-Id")).isNotBlank();
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(server.http().get("/api/v2/nope").send().header("X-Request-Id")).isNotBlank();
    }

    @Test
    void buildInfoNamesTheAccessUrl() {
        RawHttp.Response r = server.http().get("/api/v2/buildinfo").send();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("external_url").asText()).isEqualTo(server.url().toString());
        assertThat(r.json().path("version").asText()).isNotBlank();
        assertThat(r.json().path("deployment_id").asText()).hasSize(36);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            buf.write(b);
            if (buf.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                break;
            }
        }
        return buf.toString(StandardCharsets.US_ASCII);
    }
}
