package dev.tokend.sdk;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link TokendClient} sends a request and reads the answer. The default is the JDK's
 * {@link HttpClient} ({@link #jdk}); {@link #urlConnection} uses {@link java.net.HttpURLConnection},
 * which a short-lived process starts many times faster (no TLS set-up for an {@code http:} server,
 * no selector thread), at the price of HTTP/1.1 only. The {@code tokend} CLI uses it for
 * {@code http:} servers.
 */
public interface Transport {
    /**
     * Sends {@code request}; an answer with any status is a {@link Reply}.
     *
     * @throws java.net.http.HttpConnectTimeoutException when no connection was made within the timeout
     * @throws java.net.http.HttpTimeoutException when the answer did not come within the timeout
     * @throws IOException on any other transport failure
     */
    Reply exchange(Request request) throws IOException, InterruptedException;

    /** A request: {@code body} null for none; {@code timeout} bounds connecting and the whole answer. */
    record Request(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {
        public Request {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(uri, "uri");
            headers = Map.copyOf(headers);
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    /** An answer: its status and its body (empty when it had none). */
    record Reply(int status, byte[] body) {
        public Reply {
            Objects.requireNonNull(body, "body");
        }
    }

    /** Through the JDK's {@link HttpClient}. */
    static Transport jdk(HttpClient client) {
        return new JdkHttpTransport(client);
    }

    /**
     * Through {@link java.net.HttpURLConnection}, never through a proxy and never following a
     * redirect (as {@link TokendClient}'s default client). {@code PATCH}, which that class cannot
     * send, goes through {@code patch}, made the first time it is needed.
     */
    static Transport urlConnection(Duration connectTimeout, java.util.function.Supplier<Transport> patch) {
        return new UrlConnectionTransport(connectTimeout, patch);
    }
}
