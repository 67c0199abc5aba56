package dev.tokend.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokend.sdk.TokendJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Plain HTTP for tests that need what the SDK deliberately hides: arbitrary headers, cookies,
 * query tokens, malformed bodies, and the raw status, headers and body of the answer.
 */
public final class RawHttp {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final URI base;

    public RawHttp(URI base) {
        this.base = Objects.requireNonNull(base, "base");
    }

    public Request get(String path) {
        return new Request("GET", path);
    }

    public Request post(String path) {
        return new Request("POST", path);
    }

    public Request put(String path) {
        return new Request("PUT", path);
    }

    public Request patch(String path) {
        return new Request("PATCH", path);
    }

    public Request delete(String path) {
        return new Request("DELETE", path);
    }

    public Request method(String method, String path) {
        return new Request(method, path);
    }

    /**
     * Sends {@code request} as it is over a new socket (so it may be anything but valid HTTP: a huge
     * request line, a malformed header, an unknown method) and reads the answer until the declared
     * length, the end of a chunked body, or the server closing the connection. Bounded: 30 s per read.
     */
    public Response raw(String request) {
        return raw(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** {@link #raw(String)} for arbitrary bytes. */
    public Response raw(byte[] request) {
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000); // as the HttpClient requests: generous on a loaded machine, still bounded
            java.io.OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // The server may answer and close before reading everything (a huge request line).
            }
            return RawResponses.read(new java.io.BufferedInputStream(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One request being built. */
    public final class Request {
        private final String method;
        private final String path;
        private final List<String[]> headers = new ArrayList<>();
        private byte[] body;

        private Request(String method, String path) {
            this.method = method;
            this.path = path;
        }

        public Request header(String name, String value) {
            headers.add(new String[] {name, value});
            return this;
        }

        public Request sessionToken(String token) {
            return header("Coder-Session-Token", token);
        }

        public Request bearer(String token) {
            return header("Authorization", "Bearer " + token);
        }

        public Request cookie(String name, String value) {
            return header("Cookie", name + "=" + value);
        }

        /** A JSON body: a String is sent as is (so tests can send malformed JSON), anything else is encoded. */
        public Request json(Object value) {
            header("Content-Type", "application/json");
            try {
                body = value instanceof String s
                        ? s.getBytes(StandardCharsets.UTF_8)
                        : TokendJson.mapper().writeValueAsBytes(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public Request body(byte[] bytes) {
            body = bytes.clone();
            return this;
        }

        public Response send() {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
            headers.forEach(h -> request.header(h[0], h[1]));
            request.method(method, body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
            try {
                HttpResponse<String> r = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
                return new Response(r.statusCode(), r.headers(), r.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** A raw answer. */
    public record Response(int status, HttpHeaders headers, String body) {
        public JsonNode json() {
            try {
                return TokendJson.mapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        public <T> T as(Class<T> type) {
            try {
                return TokendJson.mapper().readValue(body, type);
            } catch (IOException e) {
                throw new AssertionError("cannot decode " + type.getSimpleName() + " (" + status + "): " + body, e);
            }
        }

        public String message() {
            return json().path("message").asText();
        }

        public String detail() {
            return json().path("detail").asText();
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public List<String> cookies() {
            return headers.allValues("set-cookie");
        }
    }
}
