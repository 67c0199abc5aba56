package dev.tokend.server.web;

import dev.tokend.sdk.model.AuditDiffField;
import dev.tokend.sdk.model.AuditLog;
import dev.tokend.server.api.AuditApi;
import dev.tokend.server.error.ApiError;
import dev.tokend.server.http.middleware.ApiKeyMiddleware;
import dev.tokend.server.store.AuthorizedAudit;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code GET /audit?q=&page=}: the audit log (owners and auditors), with the API's query language,
 * pagination and each entry's diff. Rows are the API's own {@link AuditLog} values
 * ({@link AuditApi#toApi}), read through {@link AuthorizedAudit}.
 */
public final class AuditPages {
    static final int PAGE_SIZE = 25;

    /** Example queries shown under the box (reference §2.4 filters). */
    static final List<String> EXAMPLES = List.of("resource_type:api_key action:create", "username:me",
            "action:login", "resource_type:user action:write", "date_from:2026-01-01 date_to:2026-12-31");

    private final PageSupport pages;
    private final AuthorizedAudit audit;

    AuditPages(PageSupport pages, AuthorizedAudit audit) {
        this.pages = Objects.requireNonNull(pages);
        this.audit = Objects.requireNonNull(audit);
    }

    public record Change(String field, String before, String after, boolean secret) {}

    public record Entry(When time, String actor, String action, String resourceType, String target,
            String description, int status, String ip, List<Change> changes) {}

    public record ListView(String q, List<String> examples, List<Entry> entries, long count, int page,
            boolean hasNext, String error) {}

    public void list(ServerRequest req, ServerResponse res) {
        String q = req.query().first("q").orElse("");
        int page = UserPages.pageNumber(req);
        Instant now = pages.clock.instant();
        try {
            AuthorizedAudit.Page found = audit.query(ApiKeyMiddleware.actor(req), () -> AuditApi.parseQuery(q),
                    PAGE_SIZE, (long) (page - 1) * PAGE_SIZE);
            List<Entry> entries = found.rows().stream()
                    .map(r -> entry(AuditApi.toApi(r, found.actors().get(r.userId())), now)).toList();
            pages.view.send(res, 200, "audit.jte", pages.frame(req, "Audit log", "audit"),
                    new ListView(q, EXAMPLES, entries, found.count(), page,
                            (long) page * PAGE_SIZE < found.count(), ""));
        } catch (ApiError e) {
            if (e.status() == 403 || e.status() == 404) {
                pages.error(req, res, e, "/tokens");
                return;
            }
            pages.view.send(res, e.status(), "audit.jte", pages.frame(req, "Audit log", "audit"),
                    new ListView(q, EXAMPLES, List.of(), 0, 1, false, UserPages.message(e)));
        }
    }

    private static Entry entry(AuditLog log, Instant now) {
        List<Change> changes = log.diff() == null ? List.of() : log.diff().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> change(e.getKey(), e.getValue())).toList();
        String actor = log.user() == null ? "" : log.user().username();
        // The API leaves "{user}" for clients to fill with the actor (as the reference's UI does).
        String description = log.description() == null ? ""
                : log.description().replace("{user}", actor.isEmpty() ? "Someone" : actor);
        return new Entry(When.of(log.time(), now), actor, log.action(),
                log.resourceType(), log.resourceTarget() == null ? "" : log.resourceTarget(), description, log.statusCode(), log.ip() == null ? "" : log.ip(),
                changes);
    }

    private static Change change(String field, AuditDiffField d) {
        return new Change(field, text(d.old()), text(d.newValue()), d.secret());
    }

    private static String text(Object v) {
        return v == null ? "" : v.toString();
    }
}
