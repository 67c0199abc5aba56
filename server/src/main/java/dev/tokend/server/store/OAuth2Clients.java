package dev.tokend.server.store;

import dev.tokend.sdk.model.ValidationError;
import dev.tokend.server.audit.AuditEntry;
import dev.tokend.server.auth.Actor;
import dev.tokend.server.auth.GeneratedToken;
import dev.tokend.server.auth.KeyEvents;
import dev.tokend.server.auth.ParseResult;
import dev.tokend.server.auth.TokenFormat;
import dev.tokend.server.auth.TokenKind;
import dev.tokend.server.db.OAuth2Dao;
import dev.tokend.server.db.OAuth2Rows;
import dev.tokend.server.error.ApiError;
import dev.tokend.server.oauth2.ClientAuthentication;
import dev.tokend.server.oauth2.GrantTypes;
import dev.tokend.server.oauth2.OAuth2Error;
import dev.tokend.server.oauth2.OAuth2Settings;
import dev.tokend.server.oauth2.RedirectUris;
import dev.tokend.server.rbac.Action;
import dev.tokend.server.rbac.InvalidScopeException;
import dev.tokend.server.rbac.RbacObject;
import dev.tokend.server.rbac.Scopes;
import dev.tokend.server.rbac.Subject;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The authorizing way to OAuth2 clients (reference §8.1): the admin API (owners: RBAC on
 * {@code oauth2_app}), dynamic registration (RFC 7591, anonymous, capped per source) and its
 * management with the registration access token (RFC 7592), and client authentication at the
 * protocol endpoints. Secrets are generated here, shown once, stored as SHA-256 and looked up by
 * their public id. Every change is audited in its transaction.
 */
public final class OAuth2Clients {
    static final String RESOURCE = RbacObject.OAUTH2_APP;
    public static final String INVALID_APP = "Invalid OAuth2 app.";

    private final Jdbi jdbi;
    private final Authz authz;
    private final Auditor auditor;
    private final InstantSource clock;
    private final SecureRandom rng;
    private final OAuth2Settings settings;
    private final KeyEvents events;

    OAuth2Clients(Jdbi jdbi, Authz authz, Auditor auditor, InstantSource clock, SecureRandom rng,
            OAuth2Settings settings, KeyEvents events) {
        this.events = Objects.requireNonNull(events);
        this.jdbi = Objects.requireNonNull(jdbi);
        this.authz = Objects.requireNonNull(authz);
        this.auditor = Objects.requireNonNull(auditor);
        this.clock = Objects.requireNonNull(clock);
        this.rng = Objects.requireNonNull(rng);
        this.settings = Objects.requireNonNull(settings);
    }

    /** What an app is made of (admin API and dynamic registration alike). Null lists mean defaults. */
    public record AppSpec(String name, String icon, List<String> redirectUris, String clientType,
            List<String> grantTypes, List<String> scopes, String tokenEndpointAuthMethod, String clientUri,
            String logoUri, List<String> contacts, String softwareId, String softwareVersion) {
        public AppSpec {
            name = name == null ? "" : name.strip();
            icon = icon == null ? "" : icon;
            redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
            grantTypes = grantTypes == null || grantTypes.isEmpty() ? GrantTypes.DEFAULT : List.copyOf(grantTypes);
            scopes = scopes == null ? List.of() : List.copyOf(scopes);
            contacts = contacts == null ? List.of() : List.copyOf(contacts);
            clientUri = clientUri == null ? "" : clientUri;
            logoUri = logoUri == null ? "" : logoUri;
            softwareId = softwareId == null ? "" : softwareId;
            softwareVersion = softwareVersion == null ? "" : softwareVersion;
            if (tokenEndpointAuthMethod == null || tokenEndpointAuthMethod.isEmpty()) {
                tokenEndpointAuthMethod = "public".equals(clientType) ? GrantTypes.AUTH_NONE : GrantTypes.AUTH_BASIC;
            }
            if (clientType == null || clientType.isEmpty()) {
                clientType = GrantTypes.AUTH_NONE.equals(tokenEndpointAuthMethod) ? "public" : "confidential";
            }
        }
    }

    /** A newly created secret: its row and the plaintext, shown once. {@link #toString()} hides it. */
    public record NewSecret(OAuth2Rows.Secret row, String secret) {
        @Override
        public String toString() {
            return "NewSecret[" + row + "]";
        }
    }

    /** A dynamically registered client with its credentials (shown once). */
    public record Registered(OAuth2Rows.App app, String clientSecret, String registrationAccessToken) {
        @Override
        public String toString() {
            return "Registered[" + app + "]";
        }
    }

    // ---- admin API ------------------------------------------------------------------------------

    public List<OAuth2Rows.App> list(Actor actor) {
        authz.require(subject(actor), Action.READ, app(null));
        return jdbi.withExtension(OAuth2Dao.class, OAuth2Dao::listOAuth2Apps);
    }

    public OAuth2Rows.App get(Actor actor, UUID id) {
        authz.requireRead(subject(actor), app(id));
        return jdbi.withExtension(OAuth2Dao.class, dao -> dao.getOAuth2App(id)).orElseThrow(ApiError::notFound);
    }

    public OAuth2Rows.App create(Actor actor, AppSpec spec) {
        AuditEntry audit = auditor.begin(actor, RESOURCE, "create").resource(Actor.NIL, spec.name());
        return auditor.attempt(audit, () -> {
            authz.require(subject(actor), Action.CREATE, app(null));
            adminValidate(spec);
            UUID id = UUID.randomUUID();
            return jdbi.inTransaction(h -> {
                insert(h, id, spec, false, actor.principal().map(p -> p.user().id()).orElse(null), null, "");
                OAuth2Rows.App created = h.attach(OAuth2Dao.class).getOAuth2App(id).orElseThrow();
                auditor.write(h, audit.resource(id, created.name()).diff(diff(null, created)), 201);
                return created;
            });
        });
    }

    public OAuth2Rows.App update(Actor actor, UUID id, AppSpec spec) {
        AuditEntry audit = auditor.begin(actor, RESOURCE, "write").resource(id, spec.name());
        return auditor.attempt(audit, () -> {
            authz.requireRead(subject(actor), app(id));
            authz.require(subject(actor), Action.UPDATE, app(id));
            adminValidate(spec);
            return jdbi.inTransaction(h -> updateRow(h, id, spec, audit));
        });
    }

    public void delete(Actor actor, UUID id) {
        AuditEntry audit = auditor.begin(actor, RESOURCE, "delete").resource(id, "");
        auditor.attempt(audit, () -> {
            authz.requireRead(subject(actor), app(id));
            authz.require(subject(actor), Action.DELETE, app(id));
            List<String> deleted = jdbi.inTransaction(h -> deleteRow(h, id, audit));
            deleted.forEach(events::keyDeleted); // committed: this replica's next request must see it
        });
    }

    public List<OAuth2Rows.Secret> secrets(Actor actor, UUID appId) {
        get(actor, appId);
        return jdbi.withExtension(OAuth2Dao.class, dao -> dao.listOAuth2AppSecrets(appId));
    }

    public NewSecret createSecret(Actor actor, UUID appId) {
        AuditEntry audit = auditor.begin(actor, "oauth2_app_secret", "create").resource(appId, "");
        return auditor.attempt(audit, () -> {
            authz.requireRead(subject(actor), app(appId));
            authz.require(subject(actor), Action.UPDATE, app(appId));
            return jdbi.inTransaction(h -> {
                OAuth2Rows.App app = h.attach(OAuth2Dao.class).getOAuth2App(appId).orElseThrow(ApiError::notFound);
                NewSecret created = insertSecret(h, app.id());
                auditor.write(h, audit.resource(appId, app.name())
                        .additionalFields(Map.of("secret_id", created.row().id())), 201);
                return created;
            });
        });
    }

    public void deleteSecret(Actor actor, UUID appId, String secretId) {
        AuditEntry audit = auditor.begin(actor, "oauth2_app_secret", "delete").resource(appId, "");
        auditor.attempt(audit, () -> {
            authz.requireRead(subject(actor), app(appId));
            authz.require(subject(actor), Action.UPDATE, app(appId));
            jdbi.useTransaction(h -> {
                if (h.attach(OAuth2Dao.class).deleteOAuth2AppSecret(appId, secretId) != 1) {
                    throw ApiError.notFound();
                }
                auditor.write(h, audit.additionalFields(Map.of("secret_id", secretId)), 204);
            });
        });
    }

    // ---- dynamic registration (RFC 7591, RFC 7592) ----------------------------------------------

    /** Registers a client for anyone who asks, at most {@code clientsPerSourcePerDay} per source address. */
    public Registered register(Actor actor, AppSpec spec, String source) {
        dynamicValidate(spec);
        AuditEntry audit = auditor.begin(actor, RESOURCE, "register").resource(Actor.NIL, spec.name());
        return jdbi.inTransaction(h -> {
            OAuth2Dao dao = h.attach(OAuth2Dao.class);
            // Serialise registrations of one source, so the cap holds under concurrent requests.
            dao.lockOAuth2RegistrationSource("oauth2-register:" + source);
            Instant since = clock.instant().minus(Duration.ofDays(1));
            if (dao.countOAuth2AppsRegisteredFrom(source, since) >= settings.clientsPerSourcePerDay()) {
                throw OAuth2Error.TOO_MANY_CLIENTS.exception();
            }
            UUID id = UUID.randomUUID();
            GeneratedToken registration = TokenFormat.generate(TokenKind.OAUTH2_REGISTRATION, rng);
            insert(h, id, spec, true, null, registration, source);
            String secret = "";
            if (!"public".equals(spec.clientType())) {
                secret = insertSecret(h, id).secret();
            }
            OAuth2Rows.App created = dao.getOAuth2App(id).orElseThrow();
            auditor.write(h, audit.resource(id, created.name()).diff(diff(null, created)), 201);
            return new Registered(created, secret, registration.token());
        });
    }

    /** The dynamically registered client {@code clientId}, if {@code bearer} is its registration token. */
    public OAuth2Rows.App registered(String clientId, Optional<String> bearer) {
        String token = bearer.orElseThrow(() -> OAuth2Error.REGISTRATION_INVALID.exception());
        UUID id = parseId(clientId).orElseThrow(() -> OAuth2Error.CLIENT_NOT_FOUND.exception());
        OAuth2Rows.App app = jdbi.withExtension(OAuth2Dao.class, dao -> dao.getOAuth2App(id))
                .orElseThrow(() -> OAuth2Error.CLIENT_NOT_FOUND.exception());
        if (!app.dynamicallyRegistered()) {
            throw OAuth2Error.NOT_DYNAMIC.exception();
        }
        if (!(TokenFormat.parse(token) instanceof ParseResult.Valid valid)
                || valid.kind() != TokenKind.OAUTH2_REGISTRATION
                || !valid.id().equals(app.registrationTokenId())
                || app.registrationTokenHash() == null
                || !TokenFormat.secretMatches(valid.secret(), app.registrationTokenHash())) {
            throw OAuth2Error.REGISTRATION_INVALID.exception();
        }
        return app;
    }

    public OAuth2Rows.App updateRegistered(Actor actor, String clientId, Optional<String> bearer, AppSpec spec) {
        OAuth2Rows.App app = registered(clientId, bearer);
        dynamicValidate(spec);
        AuditEntry audit = auditor.begin(actor, RESOURCE, "write").resource(app.id(), spec.name());
        return jdbi.inTransaction(h -> updateRow(h, app.id(), spec, audit));
    }

    public void deleteRegistered(Actor actor, String clientId, Optional<String> bearer) {
        OAuth2Rows.App app = registered(clientId, bearer);
        AuditEntry audit = auditor.begin(actor, RESOURCE, "delete").resource(app.id(), app.name());
        jdbi.inTransaction(h -> deleteRow(h, app.id(), audit)).forEach(events::keyDeleted);
    }

    // ---- protocol endpoints ---------------------------------------------------------------------

    /** A client by id, for the consent page (public facts only are shown); empty when unknown. */
    public Optional<OAuth2Rows.App> find(String clientId) {
        return parseId(clientId).flatMap(id -> jdbi.withExtension(OAuth2Dao.class, dao -> dao.getOAuth2App(id)));
    }

    /**
     * Authenticates a client at the token, revocation, introspection and device endpoints: a
     * confidential client by one of its secrets, a public client by its id alone (it proves
     * itself with PKCE). Every failure is the same {@code invalid_client}.
     */
    public OAuth2Rows.App authenticate(ClientAuthentication auth) {
        OAuth2Rows.App app = find(auth.clientId()).orElseThrow(() -> OAuth2Error.INVALID_CLIENT.exception());
        if (app.isPublic()) {
            if (!auth.secret().isEmpty()) {
                throw OAuth2Error.INVALID_CLIENT.exception();
            }
            return app;
        }
        if (!(TokenFormat.parse(auth.secret()) instanceof ParseResult.Valid valid)
                || valid.kind() != TokenKind.OAUTH2_CLIENT_SECRET) {
            throw OAuth2Error.INVALID_CLIENT.exception();
        }
        OAuth2Rows.Secret secret = jdbi.withExtension(OAuth2Dao.class, dao -> dao.getOAuth2AppSecret(valid.id()))
                .filter(s -> s.appId().equals(app.id()))
                .filter(s -> TokenFormat.secretMatches(valid.secret(), s.hashedSecret()))
                .orElseThrow(() -> OAuth2Error.INVALID_CLIENT.exception());
        jdbi.useExtension(OAuth2Dao.class, dao -> dao.touchOAuth2AppSecret(secret.id(), now()));
        return app;
    }

    // ---- internals ------------------------------------------------------------------------------

    private void insert(Handle h, UUID id, AppSpec spec, boolean dynamic, UUID createdBy, GeneratedToken registration,
            String source) {
        h.attach(OAuth2Dao.class).insertOAuth2App(id, now(), spec.name(), spec.icon(), arr(spec.redirectUris()),
                spec.clientType(), dynamic, arr(spec.grantTypes()), arr(spec.scopes()), spec.tokenEndpointAuthMethod(),
                spec.clientUri(), spec.logoUri(), arr(spec.contacts()), spec.softwareId(), spec.softwareVersion(),
                createdBy, registration == null ? null : registration.id(),
                registration == null ? null : registration.hashedSecret(), source);
    }

    private OAuth2Rows.App updateRow(Handle h, UUID id, AppSpec spec, AuditEntry audit) {
        OAuth2Dao dao = h.attach(OAuth2Dao.class);
        OAuth2Rows.App old = dao.getOAuth2App(id).orElseThrow(ApiError::notFound);
        dao.updateOAuth2App(id, now(), spec.name(), spec.icon(), arr(spec.redirectUris()), arr(spec.grantTypes()),
                arr(spec.scopes()), spec.clientUri(), spec.logoUri(), arr(spec.contacts()));
        OAuth2Rows.App updated = dao.getOAuth2App(id).orElseThrow();
        auditor.write(h, audit.diff(diff(old, updated)), 200);
        return updated;
    }

    /** Deletes the app and its access tokens (API keys); returns the deleted keys' ids. */
    private List<String> deleteRow(Handle h, UUID id, AuditEntry audit) {
        OAuth2Dao dao = h.attach(OAuth2Dao.class);
        OAuth2Rows.App old = dao.getOAuth2App(id).orElseThrow(ApiError::notFound);
        List<String> keys = dao.deleteApiKeysOfOAuth2App(id); // its access tokens are API keys
        dao.deleteOAuth2App(id); // secrets, codes, refresh tokens and device codes cascade
        auditor.write(h, audit.resource(id, old.name()).diff(diff(old, null))
                .additionalFields(Map.of("api_keys_deleted", keys.size())), 204);
        return keys;
    }

    private NewSecret insertSecret(Handle h, UUID appId) {
        GeneratedToken generated = TokenFormat.generate(TokenKind.OAUTH2_CLIENT_SECRET, rng);
        // Enough to recognise the secret in a list (its public id), never enough to use it.
        String display = TokenKind.OAUTH2_CLIENT_SECRET.prefix() + generated.id() + "_…";
        Instant now = now();
        h.attach(OAuth2Dao.class).insertOAuth2AppSecret(generated.id(), appId, generated.hashedSecret(), display, now);
        return new NewSecret(new OAuth2Rows.Secret(generated.id(), appId, generated.hashedSecret(), display, now, null),
                generated.token());
    }

    /** Admin-created apps: 400 with one validation per bad field. */
    private static void adminValidate(AppSpec spec) {
        List<ValidationError> errors = new ArrayList<>();
        if (spec.name().isEmpty() || spec.name().length() > 64 || spec.name().chars().anyMatch(c -> c < 0x20)) {
            errors.add(new ValidationError("name", "The name must be 1 to 64 printable characters."));
        }
        if (spec.redirectUris().isEmpty()) {
            errors.add(new ValidationError("redirect_uris", "At least one redirect URI is required."));
        }
        spec.redirectUris().stream().map(RedirectUris::problem).flatMap(Optional::stream).findFirst()
                .ifPresent(p -> errors.add(new ValidationError("redirect_uris", p)));
        if (!GrantTypes.ALL.containsAll(spec.grantTypes())) {
            errors.add(new ValidationError("grant_types", "Supported grant types: " + GrantTypes.ALL));
        }
        if (!List.of("public", "confidential").contains(spec.clientType())
                || !GrantTypes.AUTH_METHODS.contains(spec.tokenEndpointAuthMethod())
                || "public".equals(spec.clientType()) != GrantTypes.AUTH_NONE.equals(spec.tokenEndpointAuthMethod())) {
            errors.add(new ValidationError("client_type", "client_type must be public (token_endpoint_auth_method "
                    + "none) or confidential (client_secret_basic or client_secret_post)."));
        }
        if ("public".equals(spec.clientType()) && spec.grantTypes().contains(GrantTypes.CLIENT_CREDENTIALS)) {
            errors.add(new ValidationError("grant_types", "client_credentials needs a confidential client."));
        }
        try {
            spec.scopes().forEach(s -> Scopes.canonical(s).orElseThrow(() -> new InvalidScopeException(s)));
        } catch (InvalidScopeException e) {
            errors.add(new ValidationError("scopes", e.getMessage()));
        }
        if (!errors.isEmpty()) {
            throw ApiError.validation(INVALID_APP, errors);
        }
    }

    /** RFC 7591 §3.2.2 errors for dynamically registered clients. */
    private static void dynamicValidate(AppSpec spec) {
        if (spec.redirectUris().isEmpty()) {
            throw OAuth2Error.invalidRedirectUri("redirect_uris is required").exception();
        }
        for (String uri : spec.redirectUris()) {
            RedirectUris.problem(uri).ifPresent(p -> {
                throw OAuth2Error.invalidRedirectUri(p).exception();
            });
        }
        if (!GrantTypes.DYNAMIC.containsAll(spec.grantTypes())) {
            throw OAuth2Error.invalidClientMetadata("Supported grant_types: " + GrantTypes.DYNAMIC).exception();
        }
        if (!GrantTypes.AUTH_METHODS.contains(spec.tokenEndpointAuthMethod())) {
            throw OAuth2Error.invalidClientMetadata("Supported token_endpoint_auth_method: "
                    + GrantTypes.AUTH_METHODS).exception();
        }
        if (spec.name().length() > 64 || spec.name().chars().anyMatch(c -> c < 0x20)) {
            throw OAuth2Error.invalidClientMetadata("client_name must be at most 64 printable characters").exception();
        }
        for (String s : spec.scopes()) {
            if (Scopes.canonical(s).isEmpty()) {
                throw OAuth2Error.invalidClientMetadata("Unknown scope: " + s).exception();
            }
        }
    }

    private static Map<String, Object> diff(OAuth2Rows.App old, OAuth2Rows.App now) {
        Map<String, Object> diff = new LinkedHashMap<>();
        field(diff, "name", old == null ? null : old.name(), now == null ? null : now.name());
        field(diff, "redirect_uris", old == null ? null : old.redirectUris(), now == null ? null : now.redirectUris());
        field(diff, "grant_types", old == null ? null : old.grantTypes(), now == null ? null : now.grantTypes());
        field(diff, "scopes", old == null ? null : old.scopes(), now == null ? null : now.scopes());
        field(diff, "client_type", old == null ? null : old.clientType(), now == null ? null : now.clientType());
        return diff;
    }

    private static void field(Map<String, Object> diff, String name, Object old, Object now) {
        if (!Objects.equals(old, now)) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("old", old == null ? "" : old);
            entry.put("new", now == null ? "" : now);
            entry.put("secret", false);
            diff.put(name, entry);
        }
    }

    static Optional<UUID> parseId(String clientId) {
        if (clientId == null || clientId.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(clientId));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static RbacObject app(UUID id) {
        return new RbacObject(RESOURCE, id == null ? "" : id.toString(), null, null);
    }

    private static Subject subject(Actor actor) {
        return actor.subject().orElseThrow(ApiError::forbidden);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String[] arr(List<String> list) {
        return list.toArray(String[]::new);
    }
}
