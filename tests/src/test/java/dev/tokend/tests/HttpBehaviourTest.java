package dev.tokend.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokend.testkit.RawHttp;
import dev.tokend.testkit.TestServer;
import dev.tokend.testkit.TestServerExtension;
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
    void declaredOversizedBodyIs413JsonWithoutSendingIt() {
        RawHttp.Response r = server.http().raw("POST /api/v2/users/login HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: 104857600\r\nConnection: close\r\n\r\n{");
        assertThat(r.status()).isEqualTo(413);
        assertJsonError(r, "Request body too large.");
    }

    /** Issue 9: protocol-level errors came back with an empty body. */
    @Test
    void hugeRequestUriIs414Json() {
        RawHttp.Response r = server.http().raw("GET /api/v2/" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(r.status()).isEqualTo(414);
        assertJsonError(r, "Request URI too long.");
    }

    @Test
    void malformedHeaderIs400Json() {
        for (String header : new String[] {"Bad Header: y", "NoColon", "X-A: " + "b".repeat(20_000)}) {
            RawHttp.Response r = server.http().raw("GET /healthz HTTP/1.1\r\nHost: x\r\n" + header + "\r\n\r\n");
            assertThat(r.status()).as(header.substring(0, Math.min(header.length(), 20))).isBetween(400, 431);
            assertJsonError(r, r.status() == 431 ? "Request header fields too large." : "Bad request.");
        }
    }

    @Test
    void unknownHttpVersionIsAJsonError() {
        RawHttp.Response r = server.http().raw("GET /healthz HTTP/2.5\r\nHost: x\r\n\r\n");
        assertThat(r.status()).isBetween(400, 505);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.message()).isNotBlank();
    }

    @Test
    void unknownMethodIs405JsonOverARawSocket() {
        RawHttp.Response r = server.http().raw("FOO /api/v2/users/first HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("Allow")).contains("GET").contains("POST");
        assertJsonError(r, "Method not allowed.");
    }

    /** Issue 9: type errors named Java classes (`java.lang.String`, `…TokensApi$CreateBody`). */
    @Test
    void jsonTypeErrorsNameTheFieldAndTheJsonTypeNotAJavaClass() {
        String[][] cases = {
            {"/api/v2/users/login", "{\"email\": {}, \"password\": \"x\"}", "Field \"email\" must be a string."},
            {"/api/v2/users/login", "[1]", "The request body must be a JSON object."},
            {"/api/v2/users/me/keys/tokens", "{\"scopes\": 5}", "Field \"scopes\" must be an array."},
            {"/api/v2/users/me/keys/tokens", "{\"lifetime\": \"abc\"}", "Field \"lifetime\" must be a number."},
            {"/api/v2/users/me/keys/tokens", "{\"token_name\": [\"x\"]}", "Field \"token_name\" must be a string."},
        };
        for (String[] c : cases) {
            RawHttp.Response r = server.http().post(c[0]).sessionToken(server.owner().token()).json(c[1]).send();
            assertThat(r.status()).as(c[1]).isEqualTo(400);
            assertThat(r.message()).isEqualTo("Request body must be valid JSON.");
            assertThat(r.detail()).as(c[1]).isEqualTo(c[2]);
            assertThat(r.body()).doesNotContain("java.").doesNotContain("dev.tokend").doesNotContain("$");
        }
    }

    private static void assertJsonError(RawHttp.Response r, String message) {
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.message()).isEqualTo(message);
        assertThat(r.detail()).isNotBlank();
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
}
