package dev.tokend.server.web;

import dev.tokend.sdk.model.OAuth2ProviderApp;
import dev.tokend.sdk.model.PostOAuth2ProviderAppRequest;
import dev.tokend.sdk.model.PutOAuth2ProviderAppRequest;
import dev.tokend.sdk.model.ValidationError;
import dev.tokend.server.api.oauth2.OAuth2AppsApi;
import dev.tokend.server.auth.Actor;
import dev.tokend.server.db.OAuth2Rows;
import dev.tokend.server.error.ApiError;
import dev.tokend.server.http.middleware.ApiKeyMiddleware;
import dev.tokend.server.oauth2.GrantTypes;
import dev.tokend.server.store.OAuth2Clients;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The OAuth2 apps pages ({@code /oauth2-apps...}, owners): list, create (the first client secret
 * shown once), an app with its secrets (another secret shown once, delete one), edit it, and
 * delete the app, each deletion behind a confirmation that names it. Every read and write is the
 * {@link OAuth2Clients} call of the matching {@code /api/v2/oauth2-provider/apps} route with the
 * request's actor, and the form becomes the API's own create or update request
 * ({@link OAuth2AppsApi#createSpec}, {@link OAuth2AppsApi#updateSpec}), so a page is refused
 * exactly when the API is.
 *
 * <p>The pages live outside {@code /oauth2/}: that prefix is the protocol's, and every route under
 * it is an operation of the OpenAPI document.
 */
public final class OAuth2AppPages {
    static final String BASE = "/oauth2-apps";
    /** The grant types the form offers, with what each is for. */
    private static final Map<String, String> GRANT_LABELS = Map.of(
            GrantTypes.AUTHORIZATION_CODE, "Authorization code (a person signs in and consents)",
            GrantTypes.REFRESH_TOKEN, "Refresh token (renew access without asking again)",
            GrantTypes.CLIENT_CREDENTIALS, "Client credentials (the app acts as its creator; confidential only)",
            GrantTypes.DEVICE_CODE, "Device code (sign in on another device, for CLIs and TVs)");

    private final PageSupport pages;
    private final OAuth2Clients clients;
    private final Supplier<URI> accessUrl;

    OAuth2AppPages(PageSupport pages, OAuth2Clients clients, Supplier<URI> accessUrl) {
        this.pages = Objects.requireNonNull(pages);
        this.clients = Objects.requireNonNull(clients);
        this.accessUrl = Objects.requireNonNull(accessUrl);
    }

    // ---- views ----------------------------------------------------------------------------------

    public record AppRow(String id, String name, String icon, String clientType, List<String> redirectUris,
            List<String> grantTypes, List<String> scopes, boolean dynamic, When created) {}

    public record ListView(List<AppRow> apps) {}

    public record GrantOption(String value, String label, boolean checked) {}

    /**
     * Create or edit: the heading, where the form posts, its button, where Cancel goes; when
     * {@code editing}, the client type is shown but fixed (the API's update keeps it).
     */
    public record FormMode(String heading, String action, String submit, String cancel, boolean editing) {
        static final FormMode CREATE = new FormMode("Create OAuth2 app", BASE + "/new", "Create app", BASE, false);

        static FormMode edit(String appId) {
            return new FormMode("Edit OAuth2 app", BASE + "/" + appId + "/edit", "Save changes", BASE + "/" + appId,
                    true);
        }
    }

    /** The create or edit form; {@code errors} maps a field ({@code name}, {@code redirect_uris}, ...) to its problem. */
    public record FormView(FormMode mode, String csrf, String name, String redirectUris, String clientType,
            List<GrantOption> grants, String scopes, String icon, Map<String, String> errors) {
        public String error(String field) {
            return errors.getOrDefault(field, "");
        }
    }

    public record SecretRow(String id, String display, When created, When lastUsed) {}

    public record DetailView(AppRow app, OAuth2ProviderApp.Endpoints endpoints, List<SecretRow> secrets, String csrf) {}

    /**
     * A page showing a client secret once ({@code secret} empty: none, {@code secretError} says why
     * when one was wanted). {@code created} = the app was just created.
     */
    public record SecretView(String appId, String appName, boolean created, boolean publicClient, String secret,
            String secretError) {}

    // ---- list and create ------------------------------------------------------------------------

    /** {@code GET /oauth2-apps}: as {@code GET /api/v2/oauth2-provider/apps}. */
    public void list(ServerRequest req, ServerResponse res) {
        Instant now = pages.clock.instant();
        try {
            List<AppRow> apps = clients.list(ApiKeyMiddleware.actor(req)).stream().map(a -> row(a, now)).toList();
            pages.view.send(res, 200, "oauth2-apps.jte", pages.frame(req, "OAuth2 apps", "apps"), new ListView(apps));
        } catch (ApiError e) {
            pages.error(req, res, e, "/tokens");
        }
    }

    /** {@code GET /oauth2-apps/new}: the form only; the POST creates. */
    public void newForm(ServerRequest req, ServerResponse res) {
        sendForm(req, res, 200, FormMode.CREATE, "", "", "confidential", GrantTypes.DEFAULT, "", "", null);
    }

    /**
     * {@code POST /oauth2-apps/new}: as {@code POST /api/v2/oauth2-provider/apps}, then (for a
     * confidential client) as {@code POST .../secrets}, so the app is ready to use; the secret is
     * the body of this answer, shown once.
     */
    public void create(ServerRequest req, ServerResponse res) {
        Map<String, List<String>> form = pages.form(req);
        Actor actor = ApiKeyMiddleware.actor(req);
        String name = PageSupport.first(form, "name");
        String redirectUris = PageSupport.first(form, "redirect_uris");
        String clientType = PageSupport.first(form, "client_type");
        List<String> grants = PageSupport.all(form, "grant_type");
        String scopes = PageSupport.first(form, "scopes");
        String icon = PageSupport.first(form, "icon").strip();
        OAuth2Rows.App app;
        try {
            app = clients.create(actor, OAuth2AppsApi.createSpec(new PostOAuth2ProviderAppRequest(name, null, icon,
                    split(redirectUris, "\\s+"), clientType.isEmpty() ? null : clientType, grants,
                    split(scopes, "[\\s,]+"))));
        } catch (ApiError e) {
            sendForm(req, res, e.status(), FormMode.CREATE, name, redirectUris, clientType, grants, scopes, icon, e);
            return;
        }
        String secret = "";
        String secretError = "";
        if (!app.isPublic()) {
            try {
                secret = clients.createSecret(actor, app.id()).secret();
            } catch (ApiError e) {
                // The app exists; a key allowed to create apps but not to change them gets no secret.
                secretError = UserPages.message(e);
            }
        }
        pages.view.send(res, 201, "oauth2-secret.jte", pages.frame(req, "OAuth2 app created", "apps"),
                new SecretView(app.id().toString(), app.name(), true, app.isPublic(), secret, secretError));
    }

    // ---- one app and its secrets ----------------------------------------------------------------

    /** {@code GET /oauth2-apps/{app}}: as {@code GET .../apps/{app}} and {@code GET .../apps/{app}/secrets}. */
    public void detail(ServerRequest req, ServerResponse res) {
        Actor actor = ApiKeyMiddleware.actor(req);
        Instant now = pages.clock.instant();
        try {
            UUID id = OAuth2AppsApi.appId(req);
            OAuth2Rows.App app = clients.get(actor, id);
            List<SecretRow> secrets = clients.secrets(actor, id).stream().map(s -> new SecretRow(s.id(),
                    s.displaySecret(), When.of(s.createdAt(), now), When.of(s.lastUsedAt(), now))).toList();
            pages.view.send(res, 200, "oauth2-app.jte", pages.frame(req, app.name(), "apps"),
                    new DetailView(row(app, now), OAuth2AppsApi.endpoints(accessUrl.get()), secrets,
                            pages.csrfToken(req)));
        } catch (ApiError e) {
            pages.error(req, res, e, BASE);
        }
    }

    /** {@code POST /oauth2-apps/{app}/secrets}: as {@code POST .../apps/{app}/secrets}; shown once. */
    public void createSecret(ServerRequest req, ServerResponse res) {
        pages.form(req);
        Actor actor = ApiKeyMiddleware.actor(req);
        try {
            UUID id = OAuth2AppsApi.appId(req);
            OAuth2Clients.NewSecret created = clients.createSecret(actor, id);
            OAuth2Rows.App app = clients.get(actor, id);
            pages.view.send(res, 201, "oauth2-secret.jte", pages.frame(req, "Client secret created", "apps"),
                    new SecretView(id.toString(), app.name(), false, app.isPublic(), created.secret(), ""));
        } catch (ApiError e) {
            pages.error(req, res, e, BASE);
        }
    }

    /** {@code GET /oauth2-apps/{app}/secrets/{secret}/delete}: the confirmation. */
    public void confirmDeleteSecret(ServerRequest req, ServerResponse res) {
        Actor actor = ApiKeyMiddleware.actor(req);
        try {
            UUID id = OAuth2AppsApi.appId(req);
            String secretId = secretId(req);
            OAuth2Rows.App app = clients.get(actor, id);
            OAuth2Rows.Secret secret = clients.secrets(actor, id).stream().filter(s -> s.id().equals(secretId))
                    .findFirst().orElseThrow(ApiError::notFound);
            String back = BASE + "/" + id;
            pages.view.send(res, 200, "confirm.jte", pages.frame(req, "Delete client secret", "apps"),
                    new ConfirmView(back + "/secrets/" + secret.id() + "/delete", "Delete client secret",
                            "Delete the client secret ", secret.displaySecret(), " of " + app.name()
                                    + "? Anything still using it can no longer authenticate as the app.",
                            "Delete secret", pages.csrfToken(req), back));
        } catch (ApiError e) {
            pages.error(req, res, e, BASE);
        }
    }

    /** {@code POST /oauth2-apps/{app}/secrets/{secret}/delete}: as {@code DELETE .../secrets/{secretID}}. */
    public void deleteSecret(ServerRequest req, ServerResponse res) {
        pages.form(req);
        try {
            UUID id = OAuth2AppsApi.appId(req);
            clients.deleteSecret(ApiKeyMiddleware.actor(req), id, secretId(req));
            PageSupport.redirect(res, BASE + "/" + id + "?done=secret-deleted");
        } catch (ApiError e) {
            pages.error(req, res, e, BASE);
        }
    }

    // ---- edit the app ---------------------------------------------------------------------------

    /** {@code GET /oauth2-apps/{app}/edit}: the form, filled in from {@code GET .../apps/{app}}. */
    public void editForm(ServerRequest req, ServerResponse res) {
        try {
            OAuth2Rows.App app = clients.get(ApiKeyMiddleware.actor(req), OAuth2AppsApi.appId(req));
            sendForm(req, res, 200, FormMode.edit(app.id().toString()), app.name(),
                    String.join("\n", app.redirectUris()), app.clientType(), app.grantTypes(),
                    String.join(" ", app.scopes()), app.icon(), null);
        } catch (ApiError e) {
            pages.error(req, res, e, BASE);
        }
    }

    /**
     * {@code POST /oauth2-apps/{app}/edit}: as {@code PUT /api/v2/oauth2-provider/apps/{app}} (read the
     * app, then update it with the request the form describes); a refusal is shown in place with the
     * form kept, a success goes back to the app with a fixed flash code.
     */
    public void update(ServerRequest req, ServerResponse res) {
        Map<String, List<String>> form = pages.form(req);
        Actor actor = ApiKeyMiddleware.actor(req);
        OAuth2Rows.App current;
        try {
            current = clients.get(actor, OAuth2AppsApi.appId(req));
        } catch (ApiError e) {
            pages.error(req, res, e, BASE);
            return;
        }
        String name = PageSupport.first(form, "name");
        String redirectUris = PageSupport.first(form, "redirect_uris");
        List<String> grants = PageSupport.all(form, "grant_type");
        String scopes = PageSupport.first(form, "scopes");
        String icon = PageSupport.first(form, "icon").strip();
        try {
            clients.update(actor, current.id(), OAuth2AppsApi.updateSpec(current, new PutOAuth2ProviderAppRequest(
                    name, null, icon, split(redirectUris, "\\s+"), grants, split(scopes, "[\\s,]+"))));
        } catch (ApiError e) {
            sendForm(req, res, e.status(), FormMode.edit(current.id().toString()), name, redirectUris,
                    current.clientType(), grants, scopes, icon, e);
            return;
        }
        PageSupport.redirect(res, BASE + "/" + current.id() + "?done=app-updated");
    }

    // ---- delete the app -------------------------------------------------------------------------

    /** {@code GET /oauth2-apps/{app}/delete}: the confirmation. */
    public void confirmDelete(ServerRequest req, ServerResponse res) {
        try {
            OAuth2Rows.App app = clients.get(ApiKeyMiddleware.actor(req), OAuth2AppsApi.appId(req));
            pages.view.send(res, 200, "confirm.jte", pages.frame(req, "Delete OAuth2 app", "apps"),
                    new ConfirmView(BASE + "/" + app.id() + "/delete", "Delete OAuth2 app",
                            "Are you sure you want to permanently delete the OAuth2 app ", app.name(),
                            "? Its secrets go, and every token issued to it stops working at once.", "Delete app",
                            pages.csrfToken(req), BASE + "/" + app.id()));
        } catch (ApiError e) {
            pages.error(req, res, e, BASE);
        }
    }

    /** {@code POST /oauth2-apps/{app}/delete}: as {@code DELETE /api/v2/oauth2-provider/apps/{app}}. */
    public void delete(ServerRequest req, ServerResponse res) {
        pages.form(req);
        try {
            clients.delete(ApiKeyMiddleware.actor(req), OAuth2AppsApi.appId(req));
            PageSupport.redirect(res, BASE + "?done=app-deleted");
        } catch (ApiError e) {
            pages.error(req, res, e, BASE);
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    private void sendForm(ServerRequest req, ServerResponse res, int status, FormMode mode, String name,
            String redirectUris, String clientType, List<String> grants, String scopes, String icon, ApiError error) {
        List<GrantOption> options = GrantTypes.ALL.stream()
                .map(g -> new GrantOption(g, GRANT_LABELS.getOrDefault(g, g), grants.contains(g))).toList();
        Map<String, String> errors = new HashMap<>();
        if (error != null && error.body().validations() != null) {
            for (ValidationError v : error.body().validations()) {
                errors.merge(v.field(), v.detail(), (a, b) -> a + " " + b);
            }
        }
        Frame frame = pages.frame(req, mode.heading(), "apps");
        pages.view.send(res, status, "oauth2-app-form.jte", error == null ? frame
                        : frame.withFlash(Frame.Flash.error(errors.isEmpty() ? UserPages.message(error)
                                : error.body().message())),
                new FormView(mode, pages.csrfToken(req), name, redirectUris, clientType.isEmpty() ? "confidential"
                        : clientType, options, scopes, icon, errors));
    }

    private static AppRow row(OAuth2Rows.App a, Instant now) {
        return new AppRow(a.id().toString(), a.name(), a.icon(), a.clientType(), a.redirectUris(), a.grantTypes(),
                a.scopes(), a.dynamicallyRegistered(), When.of(a.createdAt(), now));
    }

    /** A field as the API's list: redirect URIs one per line (no URI holds a space), scopes by spaces or commas. */
    private static List<String> split(String text, String separators) {
        return Arrays.stream(text.split(separators)).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String secretId(ServerRequest req) {
        return req.path().pathParameters().first("secret").orElse("");
    }
}
