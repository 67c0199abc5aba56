package dev.tokend.server.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The client's address: the socket peer, unless the peer is a trusted proxy
 * ({@code --proxy-trusted-origins}) that sent one of the trusted headers
 * ({@code --proxy-trusted-headers}, e.g. {@code X-Forwarded-For}). Forwarded headers from anyone
 * else are ignored, so a client cannot pick its own address (and with it its rate-limit bucket).
 *
 * <p>For {@code X-Forwarded-For} the list is walked from the right, skipping trusted proxies; the
 * first untrusted hop is the client.
 */
public final class ClientIpResolver {
    private final List<Cidr> trustedOrigins;
    private final List<HeaderName> trustedHeaders;

    public ClientIpResolver(List<String> trustedOrigins, List<String> trustedHeaders) {
        this.trustedOrigins = trustedOrigins.stream().map(Cidr::parse).toList();
        this.trustedHeaders = trustedHeaders.stream().map(String::strip).filter(h -> !h.isEmpty())
                .map(HeaderNames::create).toList();
    }

    public InetAddress resolve(InetAddress peer, Headers headers) {
        Objects.requireNonNull(peer, "peer");
        if (trustedOrigins.isEmpty() || !trusted(peer)) {
            return peer;
        }
        for (HeaderName header : trustedHeaders) {
            Optional<String> value = headers.first(header);
            if (value.isEmpty()) {
                continue;
            }
            String[] hops = value.get().split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                Optional<InetAddress> hop = literal(hops[i].strip());
                if (hop.isEmpty()) {
                    break; // garbage in a forwarded header: trust nothing further left
                }
                if (i == 0 || !trusted(hop.get())) {
                    return hop.get();
                }
            }
        }
        return peer;
    }

    private boolean trusted(InetAddress address) {
        return trustedOrigins.stream().anyMatch(c -> c.contains(address));
    }

    /** Parses an IP literal only (never a DNS lookup). */
    static Optional<InetAddress> literal(String text) {
        String s = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        // Digits, dots and colons only (and hex for IPv6), with a dot or a colon: never a host name,
        // so getByName below parses a literal and never asks DNS.
        if (s.isEmpty() || !(s.indexOf('.') >= 0 || s.indexOf(':') >= 0)
                || !s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(s)); // a literal: resolved without DNS
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** An address range such as {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is a /32 or /128. */
    public record Cidr(byte[] network, int prefix) {
        public static Cidr parse(String text) {
            String t = text.strip();
            int slash = t.indexOf('/');
            InetAddress address = literal(slash < 0 ? t : t.substring(0, slash))
                    .orElseThrow(() -> new IllegalArgumentException("\"" + text + "\" is not an IP address or CIDR"));
            int bits = address.getAddress().length * 8;
            int prefix;
            try {
                prefix = slash < 0 ? bits : Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("\"" + text + "\" has no numeric prefix length");
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("\"" + text + "\" has a prefix length out of range");
            }
            return new Cidr(address.getAddress(), prefix);
        }

        public boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest);
            return (a[full] & mask) == (network[full] & mask);
        }
    }
}
