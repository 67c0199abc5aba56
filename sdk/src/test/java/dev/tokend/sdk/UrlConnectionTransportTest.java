package dev.tokend.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CLI's transport against a real HTTP server on a loopback port. */
class UrlConnectionTransportTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private HttpServer server;
    private URI base;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger patchesDelegated = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/echo", this::echo);
        server.createContext("/denied", exchange -> {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
            answer(exchange, 401, "{\"message\":\"Incorrect email or password.\"}");
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/echo");
            answer(exchange, 302, "");
        });
        server.createContext("/empty", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/slow", exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, 200, "late");
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private void echo(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " token="
                + exchange.getRequestHeaders().getFirst("Coder-Session-Token") + " length=" + length + " body=" + body);
        answer(exchange, 200, exchange.getRequestMethod() + ":" + body);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private Transport transport() {
        return Transport.urlConnection(TIMEOUT, () -> request -> {
            patchesDelegated.incrementAndGet();
            return new Transport.Reply(299, request.body());
        });
    }

    private Transport.Reply send(String method, String path, String body, Duration timeout) throws Exception {
        return transport().exchange(new Transport.Request(method, base.resolve(path), Map.of("Coder-Session-Token", "t"),
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), timeout));
    }

    @Test
    void sendsMethodHeadersAndBodyAndReadsTheAnswer() throws Exception {
        assertThat(text(send("GET", "/echo?q=1", null, TIMEOUT))).isEqualTo("GET:");
        assertThat(text(send("POST", "/echo", "{\"a\":1}", TIMEOUT))).isEqualTo("POST:{\"a\":1}");
        assertThat(text(send("PUT", "/echo", null, TIMEOUT))).isEqualTo("PUT:");
        assertThat(text(send("DELETE", "/echo", "{}", TIMEOUT))).isEqualTo("DELETE:{}");

        assertThat(seen).containsExactly(
                "GET /echo?q=1 token=t length=null body=",
                "POST /echo token=t length=7 body={\"a\":1}",
                "PUT /echo token=t length=0 body=",
                "DELETE /echo token=t length=2 body={}");
    }

    @Test
    void anErrorAnswerKeepsItsStatusAndBodyEvenWithAnAuthenticationChallenge() throws Exception {
        Transport.Reply reply = send("POST", "/denied", "{\"email\":\"x\"}", TIMEOUT);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(text(reply)).isEqualTo("{\"message\":\"Incorrect email or password.\"}");
    }

    @Test
    void aRedirectIsAnsweredNotFollowed() throws Exception {
        assertThat(send("GET", "/moved", null, TIMEOUT).status()).isEqualTo(302);
        assertThat(seen).isEmpty();
    }

    @Test
    void anAnswerWithoutBodyIsEmpty() throws Exception {
        Transport.Reply reply = send("DELETE", "/empty", null, TIMEOUT);

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.body()).isEmpty();
    }

    @Test
    void patchGoesThroughTheOtherTransport() throws Exception {
        Transport.Reply reply = send("PATCH", "/echo", "{\"name\":\"n\"}", TIMEOUT);

        assertThat(reply.status()).isEqualTo(299);
        assertThat(text(reply)).isEqualTo("{\"name\":\"n\"}");
        assertThat(patchesDelegated).hasValue(1);
        assertThat(seen).isEmpty();
    }

    @Test
    void noAnswerInTimeIsAnHttpTimeout() {
        assertThatThrownBy(() -> send("GET", "/slow", null, Duration.ofMillis(200)))
                .isInstanceOf(HttpTimeoutException.class);
    }

    private static String text(Transport.Reply reply) {
        return new String(reply.body(), StandardCharsets.UTF_8);
    }
}
