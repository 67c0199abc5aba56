package dev.tokend.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokend.server.error.ApiError;
import io.helidon.http.Method;
import io.helidon.webserver.WebServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The route table on a bare Helidon server (no database): dispatch, middleware order, the one error mapping. */
class RouteTableTest {
    private static final List<String> TRACE = new CopyOnWriteArrayList<>();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static RouteTable table;
    private static WebServer web;

    private static Middleware tracing(String name) {
        return next -> (req, res) -> {
            TRACE.add(name);
            next.handle(req, res);
        };
    }

    @BeforeAll
    static void start() {
        table = new RouteTable();
        table.get("/plain", (req, res) -> res.send("plain " + RequestInfo.of(req).routePattern()));
        table.group(List.of(tracing("outer")), outer -> {
            outer.get("/things/{id}", (req, res) -> {
                TRACE.add("handler");
                res.send("thing " + req.path().pathParameters().get("id") + " " + RequestInfo.of(req).routePattern());
            }, tracing("extra"));
            outer.group(List.of(tracing("inner")), inner -> inner.delete("/things/{id}", (req, res) -> {
                TRACE.add("handler");
                res.status(204).send();
            }));
        });
        table.post("/api-error", (req, res) -> {
            throw ApiError.of(409, "Conflict here.", "the detail");
        });
        table.post("/text-error", (req, res) -> {
            throw ApiError.plainText(400, "plain words");
        });
        table.post("/bug", (req, res) -> {
            throw new IllegalStateException("secret internals");
        });
        table.route(Method.PUT, "/things/{id}", (req, res) -> res.send("put"));
        web = WebServer.builder().host("127.0.0.1").port(0).shutdownHook(false)
                .routing(r -> {
                    r.addFilter(new RequestLogFilter(new ClientIpResolver(List.of(), List.of()),
                            new HttpMetrics(new SimpleMeterRegistry())));
                    table.installInto(r);
                })
                .build().start();
    }

    @AfterAll
    static void stop() {
        web.stop();
    }

    private static HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void routesAreListedInDeclarationOrderWithTheirMiddleware() {
        assertThat(table.routes()).extracting(r -> r.method().text() + " " + r.pattern()).containsExactly(
                "GET /plain", "GET /things/{id}", "DELETE /things/{id}", "POST /api-error", "POST /text-error",
                "POST /bug", "PUT /things/{id}");
        assertThat(table.routes().get(1).middleware()).hasSize(2);
        assertThat(table.routes().get(2).middleware()).hasSize(2);
        assertThat(table.routes().get(0).middleware()).isEmpty();
    }

    @Test
    void handlerSeesItsRoutePattern() throws Exception {
        HttpResponse<String> r = send("GET", "/things/42");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("thing 42 /things/{id}");
    }

    @Test
    void groupMiddlewareRunsOutermostFirstThenTheRoutesOwn() throws Exception {
        synchronized (TRACE) {
            TRACE.clear();
            send("GET", "/things/1");
            assertThat(TRACE).containsExactly("outer", "extra", "handler");
            TRACE.clear();
            send("DELETE", "/things/1");
            assertThat(TRACE).containsExactly("outer", "inner", "handler");
        }
    }

    @Test
    void unknownPathIs404Json() throws Exception {
        HttpResponse<String> r = send("GET", "/nope");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(r.body()).contains("\"message\":\"" + ApiError.ROUTE_NOT_FOUND + "\"");
    }

    @Test
    void knownPathWithAnotherMethodIs405JsonWithEveryAllowedMethod() throws Exception {
        HttpResponse<String> r = send("PATCH", "/things/7");
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("GET, DELETE, PUT");
        assertThat(r.body()).contains("\"message\":\"Method not allowed.\"").contains("PATCH");
    }

    @Test
    void apiErrorBecomesItsStatusAndJsonBody() throws Exception {
        HttpResponse<String> r = send("POST", "/api-error");
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(r.body()).contains("\"message\":\"Conflict here.\"").contains("\"detail\":\"the detail\"");
        HttpResponse<String> text = send("POST", "/text-error");
        assertThat(text.statusCode()).isEqualTo(400);
        assertThat(text.body().strip()).isEqualTo("plain words");
    }

    @Test
    void unexpectedExceptionIs500WithoutItsMessage() throws Exception {
        HttpResponse<String> r = send("POST", "/bug");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains(ApiError.INTERNAL).doesNotContain("secret internals");
    }

    @Test
    void controlCharacterInAPathParameterIs400BeforeTheHandler() throws Exception {
        synchronized (TRACE) {
            TRACE.clear();
            HttpResponse<String> r = send("GET", "/things/a%00b");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains(ParameterGuard.INVALID_PATH).contains("\\\"id\\\"");
            assertThat(TRACE).doesNotContain("handler");
        }
    }
}
