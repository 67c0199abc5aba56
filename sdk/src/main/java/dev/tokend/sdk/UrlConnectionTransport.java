package dev.tokend.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@link Transport} through {@link HttpURLConnection}: no proxy, no redirects, no caches. Its
 * timeouts are per phase (connect, then each read), so an answer that keeps trickling can take
 * longer than {@link Transport.Request#timeout()}; the CLI's requests are small.
 */
final class UrlConnectionTransport implements Transport {
    private final Duration connectTimeout;
    private final Supplier<Transport> patchTransport;
    private Transport patch;

    UrlConnectionTransport(Duration connectTimeout, Supplier<Transport> patchTransport) {
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.patchTransport = Objects.requireNonNull(patchTransport, "patchTransport");
    }

    @Override
    public Reply exchange(Request request) throws IOException, InterruptedException {
        if (request.method().equals("PATCH")) {
            // NOTE: HttpURLConnection refuses PATCH outright (ProtocolException).
            synchronized (this) {
                if (patch == null) {
                    patch = Objects.requireNonNull(patchTransport.get(), "patch transport");
                }
            }
            return patch.exchange(request);
        }
        HttpURLConnection connection = (HttpURLConnection) request.uri().toURL().openConnection(Proxy.NO_PROXY);
        try {
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setConnectTimeout(millis(min(connectTimeout, request.timeout())));
            connection.setReadTimeout(millis(request.timeout()));
            connection.setRequestMethod(request.method());
            request.headers().forEach(connection::setRequestProperty);
            // As the JDK's client: a request other than GET carries a length, 0 when it has no body.
            // NOTE: doOutput turns a GET into a POST, and must be set before connecting. The body is
            // buffered, not streamed: in streaming mode a 401 answer (WWW-Authenticate) loses its body.
            byte[] body = request.body() != null ? request.body() : new byte[0];
            boolean sendsBody = !request.method().equals("GET") && !request.method().equals("HEAD");
            if (sendsBody) {
                connection.setDoOutput(true);
            }
            try {
                connection.connect();
            } catch (SocketTimeoutException e) {
                throw withCause(new HttpConnectTimeoutException("connection to " + request.uri().getAuthority()
                        + " timed out"), e);
            }
            try {
                if (sendsBody) {
                    try (OutputStream out = connection.getOutputStream()) {
                        out.write(body);
                    }
                }
                int status = connection.getResponseCode();
                InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
                if (in == null) {
                    return new Reply(status, new byte[0]);
                }
                try (in) {
                    return new Reply(status, in.readAllBytes());
                }
            } catch (SocketTimeoutException e) {
                throw withCause(new HttpTimeoutException("request timed out"), e);
            }
        } catch (IOException e) {
            connection.disconnect();
            throw e;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** As milliseconds for HttpURLConnection, where 0 would mean "no timeout". */
    private static int millis(Duration timeout) {
        return (int) Math.clamp(timeout.toMillis(), 1, Integer.MAX_VALUE);
    }

    private static <E extends IOException> E withCause(E e, Throwable cause) {
        e.initCause(cause);
        return e;
    }
}
