package dev.tokend.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tokend.server.api.TokensApi;
import dev.tokend.server.auth.Actor;
import dev.tokend.server.auth.ValidationResult.Authenticated;
import dev.tokend.server.db.ApiKeyRow;
import dev.tokend.server.db.UserRow;
import dev.tokend.server.error.ApiError;
import dev.tokend.server.http.middleware.ApiKeyMiddleware;
import dev.tokend.server.rbac.AllowList;
import dev.tokend.server.rbac.Permission;
import dev.tokend.server.rbac.Scopes;
import dev.tokend.server.store.ApiKeyMinter;
import dev.tokend.server.store.AuthorizedKeys;
import dev.tokend.server.store.AuthorizedUsers;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The Tokens pages ({@code /tokens...}): list, create (the secret shown once), edit (the PATCH),
 * expire and delete behind a confirmation that names the token. Every read and write goes through
 * {@link AuthorizedKeys} with the request's actor, and forms are parsed by the API handler's own
 * {@link TokensApi#tokenRequest}/{@link TokensApi#tokenUpdate}: the page cannot do what the API refuses.
 */
public final class TokenPages {
    /** Lifetime presets in days (reference F.2), offered when not above the maximum. */
    private static final List<Integer> PRESET_DAYS = List.of(7, 30, 60, 90);

    private final PageSupport pages;
    private final AuthorizedKeys keys;
    private final AuthorizedUsers users;

    TokenPages(PageSupport pages, AuthorizedKeys keys, AuthorizedUsers users) {
        this.pages = Objects.requireNonNull(pages);
        this.keys = Objects.requireNonNull(keys);
        this.users = Objects.requireNonNull(users);
    }

    // ---- views ----------------------------------------------------------------------------------

    public record TokenRow(String id, String name, List<String> scopes, List<String> allowList, When lastUsed,
            When expires, When created, String owner, boolean expired) {}

    public record ListView(List<TokenRow> tokens, boolean includeExpired, boolean allUsers, boolean ownerColumn,
            String csrf) {}

    public record ScopeOption(String name, String explanation, boolean checked, boolean composite) {}

    public record Preset(String value, String label, boolean selected) {}

    /** The create and edit form; {@code token} is the edited token's row, or null when creating. */
    public record FormView(TokenRow token, String csrf, String name, List<Preset> presets, String customDays,
            long maxDays, List<ScopeOption> scopes, String allowList, String error, String detail) {}

    public record CreatedView(String token, String name, When expires) {}

    // ---- list -----------------------------------------------------------------------------------

    /** {@code GET /tokens?include_expired=&all=}: one's own tokens, or everyone's for those who may read them. */
    public void list(ServerRequest req, ServerResponse res) {
        Authenticated who = ApiKeyMiddleware.required(req);
        boolean includeExpired = flag(req, "include_expired");
        boolean all = flag(req, "all");
        Instant now = pages.clock.instant();
        List<TokenRow> rows = keys.tokens(ApiKeyMiddleware.actor(req), all ? null : who.user().id(), includeExpired)
                .stream().map(r -> row(r.key(), r.username(), now)).toList();
        boolean ownerColumn = all || rows.stream().anyMatch(r -> !r.owner().equals(who.user().username()));
        pages.view.send(res, 200, "tokens.jte", pages.frame(req, "Tokens", "tokens"),
                new ListView(rows, includeExpired, all, ownerColumn, pages.csrfToken(req)));
    }

    // ---- create ---------------------------------------------------------------------------------

    /** {@code GET /tokens/new}. */
    public void newForm(ServerRequest req, ServerResponse res) {
        sendForm(req, res, 200, null, "", "30", "", List.of(), "", null);
    }

    /** {@code POST /tokens/new}: mints through the store and shows the secret once ({@code no-store}). */
    public void create(ServerRequest req, ServerResponse res) {
        Map<String, List<String>> form = pages.form(req);
        Authenticated who = ApiKeyMiddleware.required(req);
        String name = PageSupport.first(form, "token_name").trim();
        List<String> scopes = PageSupport.all(form, "scope");
        String allowList = PageSupport.first(form, "allow_list");
        String lifetime = PageSupport.first(form, "lifetime");
        String customDays = PageSupport.first(form, "custom_days");
        try {
            Long nanos = lifetimeNanos(lifetime, customDays, false);
            AuthorizedKeys.TokenRequest request = TokensApi.tokenRequest(name, nanos, null, scopes,
                    allowListNodes(allowList));
            ApiKeyMinter.Minted minted = keys.createToken(ApiKeyMiddleware.actor(req), who.user(), request);
            pages.view.send(res, 201, "token-created.jte", pages.frame(req, "Token created", "tokens"),
                    new CreatedView(minted.token(), minted.row().tokenName(),
                            When.of(minted.row().expiresAt(), pages.clock.instant())));
        } catch (ApiError e) {
            sendForm(req, res, e.status(), null, name, lifetime, customDays, scopes, allowList, e);
        }
    }

    // ---- edit -----------------------------------------------------------------------------------

    /** {@code GET /tokens/{id}/edit}. */
    public void editForm(ServerRequest req, ServerResponse res) {
        Actor actor = ApiKeyMiddleware.actor(req);
        try {
            ApiKeyRow key = keys.byId(actor, keyId(req));
            TokenRow row = row(key, ownerName(actor, key), pages.clock.instant());
            sendForm(req, res, 200, row, row.name(), "keep", "", key.scopes(), String.join("\n", key.allowList()),
                    null);
        } catch (ApiError e) {
            pages.error(req, res, e, "/tokens");
        }
    }

    /** {@code POST /tokens/{id}/edit}: the PATCH, with the same parsing and the same store call as the API. */
    public void update(ServerRequest req, ServerResponse res) {
        Map<String, List<String>> form = pages.form(req);
        Actor actor = ApiKeyMiddleware.actor(req);
        ApiKeyRow key;
        UserRow owner;
        try {
            key = keys.byId(actor, keyId(req));
            owner = users.find(actor, key.userId().toString()).orElseThrow(ApiError::notFound);
        } catch (ApiError e) {
            pages.error(req, res, e, "/tokens");
            return;
        }
        List<String> scopes = PageSupport.all(form, "scope");
        String allowList = PageSupport.first(form, "allow_list");
        String lifetime = PageSupport.first(form, "lifetime");
        String customDays = PageSupport.first(form, "custom_days");
        try {
            AuthorizedKeys.TokenUpdate update = TokensApi.tokenUpdate(null, scopes, allowListNodes(allowList),
                    lifetimeNanos(lifetime, customDays, true));
            keys.updateToken(actor, owner, key.tokenName(), update);
            PageSupport.redirect(res, "/tokens?done=token-updated");
        } catch (ApiError e) {
            sendForm(req, res, e.status(), row(key, owner.username(), pages.clock.instant()), key.tokenName(),
                    lifetime, customDays, scopes, allowList, e);
        }
    }

    // ---- expire and delete ----------------------------------------------------------------------

    /** {@code GET /tokens/{id}/expire}: the confirmation. */
    public void confirmExpire(ServerRequest req, ServerResponse res) {
        confirm(req, res, "expire", "Expire token", "Expire token %s now? It stops working at once; the row stays "
                + "in the list of expired tokens and cannot be revived.", "Expire token");
    }

    /** {@code GET /tokens/{id}/delete}: the confirmation. */
    public void confirmDelete(ServerRequest req, ServerResponse res) {
        confirm(req, res, "delete", "Delete token", "Are you sure you want to permanently delete token %s?",
                "Delete token");
    }

    /** {@code POST /tokens/{id}/expire}. */
    public void expire(ServerRequest req, ServerResponse res) {
        pages.form(req);
        try {
            keys.expire(ApiKeyMiddleware.actor(req), keyId(req));
            PageSupport.redirect(res, "/tokens?done=token-expired");
        } catch (ApiError e) {
            pages.error(req, res, e, "/tokens");
        }
    }

    /** {@code POST /tokens/{id}/delete}. */
    public void delete(ServerRequest req, ServerResponse res) {
        pages.form(req);
        try {
            keys.delete(ApiKeyMiddleware.actor(req), keyId(req));
            PageSupport.redirect(res, "/tokens?done=token-deleted");
        } catch (ApiError e) {
            pages.error(req, res, e, "/tokens");
        }
    }

    private void confirm(ServerRequest req, ServerResponse res, String action, String title, String question,
            String button) {
        try {
            ApiKeyRow key = keys.byId(ApiKeyMiddleware.actor(req), keyId(req));
            int at = question.indexOf("%s");
            pages.view.send(res, 200, "confirm.jte", pages.frame(req, title, "tokens"),
                    new ConfirmView("/tokens/" + key.id() + "/" + action, title, question.substring(0, at),
                            key.tokenName(), question.substring(at + 2), button, pages.csrfToken(req), "/tokens"));
        } catch (ApiError e) {
            pages.error(req, res, e, "/tokens");
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    private void sendForm(ServerRequest req, ServerResponse res, int status, TokenRow token, String name,
            String lifetime, String customDays, List<String> scopes, String allowList, ApiError error) {
        UserRow owner = ApiKeyMiddleware.required(req).user();
        long maxDays = Math.max(1, keys.maxLifetime(owner).toDays());
        List<Preset> presets = new ArrayList<>();
        if (token != null) {
            presets.add(new Preset("keep", "Keep the current expiry (" + token.expires().relative() + ")",
                    lifetime.equals("keep")));
        }
        for (int days : PRESET_DAYS) {
            if (days <= maxDays) {
                presets.add(new Preset(Integer.toString(days), days + " days", lifetime.equals(Integer.toString(days))));
            }
        }
        presets.add(new Preset("custom", "Custom (days)", lifetime.equals("custom")));
        if (presets.stream().noneMatch(Preset::selected)) {
            Preset p = presets.get(0);
            presets.set(0, new Preset(p.value(), p.label(), true));
        }
        List<String> canonicalScopes = scopes.stream().map(s -> Scopes.canonical(s).orElse(s)).toList();
        // Legacy spellings ("all", "application_connect") are accepted by the API but not offered.
        List<ScopeOption> options = Scopes.external().stream()
                .filter(s -> !s.equals(Scopes.LEGACY_ALL) && !s.equals(Scopes.LEGACY_APPLICATION_CONNECT))
                .map(s -> new ScopeOption(s, explain(s), canonicalScopes.contains(s), s.startsWith("coder:")))
                .toList();
        String title = token == null ? "Create token" : "Edit token";
        Frame frame = pages.frame(req, title, "tokens");
        pages.view.send(res, status, "token-form.jte", error == null ? frame : frame.withFlash(
                        Frame.Flash.error(error.body().message())),
                new FormView(token, pages.csrfToken(req), name, presets, customDays, maxDays, options, allowList,
                        error == null ? "" : error.body().message(),
                        error == null || error.body().detail() == null ? "" : error.body().detail()));
    }

    /** What a scope grants, for the form: composites list their permissions (issue 13: "composites explained"). */
    static String explain(String scope) {
        if (scope.equals(Scopes.ALL)) {
            return "Everything you may do (no narrowing).";
        }
        if (scope.equals(Scopes.APPLICATION_CONNECT)) {
            return "Only connecting to workspace applications.";
        }
        if (scope.startsWith("coder:")) {
            return "Composite: " + Scopes.expand(scope).stream().sorted().map(Permission::toString)
                    .collect(Collectors.joining(", ")) + ".";
        }
        return "";
    }

    /** Lifetime field → nanoseconds; null = the default (create) or unchanged (edit, "keep"). */
    private static Long lifetimeNanos(String preset, String customDays, boolean editing) {
        if (preset.isEmpty() || preset.equals("keep")) {
            return null;
        }
        String days = preset.equals("custom") ? customDays.trim() : preset;
        long n;
        try {
            n = Long.parseLong(days);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(editing ? AuthorizedKeys.UPDATE_FAILED : AuthorizedKeys.CREATE_LIFETIME,
                    "The lifetime must be a whole number of days.");
        }
        if (n < 1 || n > 365_000) {
            throw ApiError.badRequest(editing ? AuthorizedKeys.UPDATE_FAILED : AuthorizedKeys.CREATE_LIFETIME,
                    "The lifetime must be at least one day.");
        }
        return Duration.ofDays(n).toNanos();
    }

    /** One {@code type:id} entry per line or comma; empty = no restriction ({@code *:*}). */
    private static List<JsonNode> allowListNodes(String text) {
        return Arrays.stream(text.split("[\\r\\n,]+")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> (JsonNode) TextNode.valueOf(s)).toList();
    }

    private String ownerName(Actor actor, ApiKeyRow key) {
        return users.find(actor, key.userId().toString()).map(UserRow::username).orElse("");
    }

    private static TokenRow row(ApiKeyRow k, String owner, Instant now) {
        List<String> allow = k.allowList().equals(List.of(AllowList.ALL)) ? List.of() : k.allowList();
        return new TokenRow(k.id(), k.tokenName(), k.scopes(), allow, When.of(k.lastUsed(), now),
                When.of(k.expiresAt(), now), When.of(k.createdAt(), now), owner == null ? "" : owner,
                !k.expiresAt().isAfter(now));
    }

    private static boolean flag(ServerRequest req, String name) {
        String v = req.query().first(name).orElse("");
        return v.equals("true") || v.equals("on") || v.equals("1");
    }

    private static String keyId(ServerRequest req) {
        return req.path().pathParameters().first("id").orElse("");
    }
}
