package dev.tokend.server;

import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The externally reachable URL: {@code --access-url} when set, else derived from the listen
 * address once the port is bound (port 0 picks a free port). Set once at start-up.
 */
final class AccessUrl implements java.util.function.Supplier<URI> {
    private final AtomicReference<URI> url = new AtomicReference<>();

    AccessUrl(URI configured) {
        if (configured != null) {
            url.set(configured);
        }
    }

    void bind(ServerOptions.HostPort listen, int port) {
        if (url.get() == null) {
            String host = listen.host();
            if (host.equals("0.0.0.0") || host.isEmpty()) {
                host = "127.0.0.1";
            } else if (host.equals("::")) {
                host = "[::1]";
            } else if (host.contains(":")) {
                host = "[" + host + "]";
            }
            url.set(URI.create("http://" + host + ":" + port));
        }
    }

    @Override
    public URI get() {
        URI u = url.get();
        if (u == null) {
            throw new IllegalStateException("access URL used before the listener was bound");
        }
        return u;
    }
}
