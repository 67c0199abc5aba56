package dev.tokend.server.web;

import dev.tokend.server.auth.Actor;
import dev.tokend.server.db.OAuth2Rows;
import dev.tokend.server.error.ApiError;
import dev.tokend.server.http.middleware.ApiKeyMiddleware;
import dev.tokend.server.store.OAuth2Grants;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * {@code /authorized-apps} (anyone signed in): the OAuth2 apps the caller has authorized, as
 * {@code GET /api/v2/oauth2-provider/authorized-apps}, each with a revoke behind a confirmation
 * that names the app, as {@code DELETE /oauth2/tokens?client_id=} (every code, refresh token and
 * access token of that app for this user goes). Both are the {@link OAuth2Grants} calls of those routes.
 */
public final class AuthorizedAppPages {
    static final String BASE = "/authorized-apps";

    private final PageSupport pages;
    private final OAuth2Grants grants;

    AuthorizedAppPages(PageSupport pages, OAuth2Grants grants) {
        this.pages = Objects.requireNonNull(pages);
        this.grants = Objects.requireNonNull(grants);
    }

    public record AppRow(String id, String name, String icon, When firstAuthorized) {}

    public record ListView(List<AppRow> apps) {}

    /** {@code GET /authorized-apps}. */
    public void list(ServerRequest req, ServerResponse res) {
        Instant now = pages.clock.instant();
        try {
            List<AppRow> apps = grants.authorizedApps(ApiKeyMiddleware.actor(req)).stream()
                    .map(a -> new AppRow(a.app().id().toString(), a.app().name(), a.app().icon(),
                            When.of(a.firstAuthorizedAt(), now)))
                    .toList();
            pages.view.send(res, 200, "authorized-apps.jte", pages.frame(req, "Authorized apps", "authorized"),
                    new ListView(apps));
        } catch (ApiError e) {
            pages.error(req, res, e, "/tokens");
        }
    }

    /** {@code GET /authorized-apps/{app}/revoke}: the confirmation, for an app in the caller's list only. */
    public void confirmRevoke(ServerRequest req, ServerResponse res) {
        Actor actor = ApiKeyMiddleware.actor(req);
        String id = appId(req);
        try {
            OAuth2Rows.App app = grants.authorizedApps(actor).stream().map(OAuth2Rows.Authorized::app)
                    .filter(a -> a.id().toString().equals(id)).findFirst().orElseThrow(ApiError::notFound);
            pages.view.send(res, 200, "confirm.jte", pages.frame(req, "Revoke access", "authorized"),
                    new ConfirmView(BASE + "/" + app.id() + "/revoke", "Revoke access",
                            "Revoke the access of ", app.name(), " to your account? Its tokens stop working at "
                                    + "once; it has to ask for your consent again.",
                            "Revoke access", pages.csrfToken(req), BASE));
        } catch (ApiError e) {
            pages.error(req, res, e, BASE);
        }
    }

    /** {@code POST /authorized-apps/{app}/revoke}: as {@code DELETE /oauth2/tokens?client_id={app}}. */
    public void revoke(ServerRequest req, ServerResponse res) {
        pages.form(req);
        try {
            grants.revokeApp(ApiKeyMiddleware.actor(req), appId(req));
            PageSupport.redirect(res, BASE + "?done=app-revoked");
        } catch (ApiError e) {
            pages.error(req, res, e, BASE);
        }
    }

    private static String appId(ServerRequest req) {
        return req.path().pathParameters().first("app").orElse("");
    }
}
