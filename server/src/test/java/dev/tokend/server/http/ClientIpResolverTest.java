package dev.tokend.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.helidon.http.HeaderNames;
import io.helidon.http.WritableHeaders;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Forwarded headers are believed only from trusted proxies, and never name a host to look up. */
class ClientIpResolverTest {
    private final ClientIpResolver resolver =
            new ClientIpResolver(List.of("10.0.0.0/8", "fd00::/8"), List.of("X-Forwarded-For"));

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // socket peer | X-Forwarded-For | client
        "10.1.2.3     | 203.0.113.7               | 203.0.113.7",
        "10.1.2.3     | 198.51.100.1, 203.0.113.7 | 203.0.113.7",
        "10.1.2.3     | 203.0.113.7, 10.9.9.9     | 203.0.113.7",
        "10.1.2.3     | 10.4.4.4, 10.9.9.9        | 10.4.4.4",
        "10.1.2.3     | -                         | 10.1.2.3",
        "10.1.2.3     | not-an-ip                 | 10.1.2.3",
        "10.1.2.3     | localhost                 | 10.1.2.3",
        "192.0.2.50   | 203.0.113.7               | 192.0.2.50",
        "fd00::1      | 2001:db8::9               | 2001:db8::9",
    })
    void forwardedHeaderIsBelievedOnlyFromTrustedProxies(String peer, String xff, String client) throws Exception {
        WritableHeaders<?> headers = WritableHeaders.create();
        if (xff != null) {
            headers.set(HeaderNames.X_FORWARDED_FOR, xff);
        }
        assertThat(resolver.resolve(ip(peer), headers)).isEqualTo(ip(client));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "example.com", "10.0.0.0/x", "::/129"})
    void badOriginsAreRefused(String cidr) {
        assertThatIllegalArgumentException().isThrownBy(() -> ClientIpResolver.Cidr.parse(cidr));
    }
}
