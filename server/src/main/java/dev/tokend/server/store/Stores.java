package dev.tokend.server.store;

import dev.tokend.server.auth.ApiKeyStore;
import dev.tokend.server.oauth2.OAuth2Settings;
import dev.tokend.server.auth.KeyEvents;
import dev.tokend.server.rbac.Authorizer;
import dev.tokend.server.user.PasswordHasher;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * The authorizing data layer, built once by the composition root. Handlers are handed these
 * objects and nothing below them (no Jdbi, no DAO): every read and write they can make goes
 * through a method that authorizes and audits it, and the only insert into {@code api_keys} is
 * {@link ApiKeyMinter}.
 */
public record Stores(AuthorizedKeys keys, AuthorizedUsers users, AuthorizedAudit audit, ApiKeyMinter minter,
        PasswordLogins logins, ApiKeyStore validation, Authz authz, OAuth2Clients oauth2Clients,
        OAuth2Grants oauth2Grants) {

    /** The deployment's policy values the stores apply. */
    public record Policy(Duration sessionDuration, Duration defaultTokenLifetime, Duration maxTokenLifetime,
            Duration maxAdminTokenLifetime, boolean disablePasswordAuth) {
        public Policy {
            Objects.requireNonNull(sessionDuration);
            Objects.requireNonNull(defaultTokenLifetime);
            Objects.requireNonNull(maxTokenLifetime);
            Objects.requireNonNull(maxAdminTokenLifetime);
        }
    }

    /**
     * @param events told of every change this replica commits that the validation cache must see
     *     at once (other replicas hear it through the database's notifications)
     */
    public static Stores create(Jdbi jdbi, Authorizer authorizer, InstantSource clock, SecureRandom rng,
            PasswordHasher hasher, Policy policy, KeyEvents events, MeterRegistry metrics) {
        return create(jdbi, authorizer, clock, rng, hasher, policy, events, metrics, OAuth2Settings.defaults());
    }

    public static Stores create(Jdbi jdbi, Authorizer authorizer, InstantSource clock, SecureRandom rng,
            PasswordHasher hasher, Policy policy, KeyEvents events, MeterRegistry metrics, OAuth2Settings oauth2) {
        Authz authz = new Authz(authorizer);
        Auditor auditor = new Auditor(jdbi, clock);
        ApiKeyMinter minter = new ApiKeyMinter(jdbi, auditor, authz, rng, clock, events);
        LifetimePolicy lifetimes = new LifetimePolicy(policy.maxTokenLifetime(), policy.maxAdminTokenLifetime(),
                policy.defaultTokenLifetime());
        AuthorizedUsers users = new AuthorizedUsers(jdbi, authz, auditor, hasher, clock, events);
        AuthorizedKeys keys = new AuthorizedKeys(jdbi, authz, auditor, minter, lifetimes, clock, rng,
                policy.defaultTokenLifetime(), events);
        PasswordLogins logins = new PasswordLogins(jdbi, auditor, hasher, minter, users, policy.sessionDuration(),
                policy.disablePasswordAuth());
        return new Stores(keys, users, new AuthorizedAudit(jdbi, authz), minter, logins,
                new JdbiApiKeyStore(jdbi, users, metrics), authz,
                new OAuth2Clients(jdbi, authz, auditor, clock, rng, oauth2, events),
                new OAuth2Grants(jdbi, authz, auditor, minter, clock, rng, oauth2, events));
    }

    /** Every key id (the validation cache's known-id filter, after each (re)connection of its listener). */
    public java.util.Set<String> allKeyIds() {
        return new java.util.HashSet<>(((JdbiApiKeyStore) validation).allKeyIds());
    }

    /** Where the usage writer persists key usage. */
    public dev.tokend.server.auth.UsageWriter.Sink usageSink() {
        return (JdbiApiKeyStore) validation;
    }
}
