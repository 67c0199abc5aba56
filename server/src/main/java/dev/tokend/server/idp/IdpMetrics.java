package dev.tokend.server.idp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;

/**
 * Outcome counters of IdP sign-ins and refreshes: {@code tokend_idp_logins_total{login_type,outcome}}
 * and {@code tokend_idp_refreshes_total{login_type,outcome}} (docs/sso.md).
 */
public final class IdpMetrics {
    private final MeterRegistry registry;

    public IdpMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** {@code outcome}: {@code success}, or the HTTP status class of the refusal, e.g. {@code 403}. */
    public void login(String loginType, String outcome) {
        Counter.builder("tokend_idp_logins").description("IdP sign-ins by outcome")
                .tag("login_type", loginType).tag("outcome", outcome).register(registry).increment();
    }

    public void refresh(String loginType, String outcome) {
        Counter.builder("tokend_idp_refreshes").description("IdP token refreshes during key validation by outcome")
                .tag("login_type", loginType).tag("outcome", outcome).register(registry).increment();
    }
}
