package dev.tokend.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresSupervisorTest {
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final FakeClock clock = new FakeClock();
    private final FakeServer server = new FakeServer();
    private final PostgresSupervisor supervisor = new PostgresSupervisor(server, clock, metrics);

    @Test
    void runningServerIsLeftAlone() {
        supervisor.check();
        supervisor.check();
        assertThat(server.restartsAt).isEmpty();
        assertThat(restarts("success")).isZero();
    }

    @Test
    void deadServerIsRestartedAtOnceAndCounted() {
        server.running = false;
        supervisor.check();
        assertThat(server.restartsAt).containsExactly(clock.now);
        assertThat(server.running).isTrue();
        assertThat(restarts("success")).isEqualTo(1);
        assertThat(restarts("failure")).isZero();
    }

    @Test
    void failingRestartsBackOffExponentiallyUpToThirtySeconds() {
        server.running = false;
        server.failures.addAll(List.of(1, 2, 3, 4, 5, 6, 7, 8));
        Instant start = clock.now;
        // Check every half second for three minutes, as the scheduler would.
        for (int i = 0; i < 360; i++) {
            supervisor.check();
            clock.advance(Duration.ofMillis(500));
        }
        List<Long> offsets = server.restartsAt.stream().map(at -> Duration.between(start, at).toSeconds()).toList();
        // Attempts at 0, then 1, 2, 4, 8, 16 s apart, then capped at 30 s; the ninth succeeds.
        assertThat(offsets).containsExactly(0L, 1L, 3L, 7L, 15L, 31L, 61L, 91L, 121L);
        assertThat(restarts("failure")).isEqualTo(8);
        assertThat(restarts("success")).isEqualTo(1);
    }

    @Test
    void backoffStartsAgainFromOneSecondAfterARecovery() {
        server.running = false;
        server.failures.addAll(List.of(1, 2, 3));
        for (int i = 0; i < 40; i++) {
            supervisor.check();
            clock.advance(Duration.ofMillis(500));
        }
        assertThat(server.running).isTrue();
        server.restartsAt.clear();

        server.running = false;
        server.failures.add(1);
        Instant died = clock.now;
        for (int i = 0; i < 4; i++) {
            supervisor.check();
            clock.advance(Duration.ofMillis(500));
        }
        assertThat(server.restartsAt).containsExactly(died, died.plusSeconds(1));
    }

    @Test
    void closeWithoutStartIsHarmlessAndStartedSupervisorStops() {
        supervisor.close();
        PostgresSupervisor started = new PostgresSupervisor(server, InstantSource.system(), metrics);
        started.start();
        started.close();
        started.close();
    }

    private double restarts(String outcome) {
        return metrics.get("tokend_embedded_postgres_restarts").tag("outcome", outcome).counter().count();
    }

    private static final class FakeClock implements InstantSource {
        Instant now = Instant.parse("2026-12-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }
    }

    /** Running until told otherwise; each queued failure makes one restart throw. */
    private final class FakeServer implements PostgresSupervisor.Supervised {
        boolean running = true;
        final Deque<Integer> failures = new ArrayDeque<>();
        final List<Instant> restartsAt = new ArrayList<>();

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public void restart() throws IOException {
            restartsAt.add(clock.now);
            if (failures.poll() != null) {
                throw new IOException("could not bind IPv4 address \"127.0.0.1\": Address already in use");
            }
            running = true;
        }
    }
}
