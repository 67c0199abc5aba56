package dev.tokend.server.api;

import dev.tokend.server.rbac.RbacEngine;
import dev.tokend.server.rbac.RbacObject;
import dev.tokend.server.rbac.RoleCatalog;
import dev.tokend.server.rbac.Scopes;

import dev.tokend.sdk.model.AuthorizationRequest;
import dev.tokend.sdk.model.ScopeCatalog;
import dev.tokend.sdk.model.ValidationError;
import dev.tokend.server.auth.ValidationResult.Authenticated;
import dev.tokend.server.error.ApiError;
import dev.tokend.server.http.Http;
import dev.tokend.server.http.JsonBody;
import dev.tokend.server.http.middleware.ApiKeyMiddleware;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code POST /api/v2/authcheck} and {@code GET /api/v2/auth/scopes}.
 *
 * <p>authcheck lets a service that sits behind tokend ask what the calling token may do, with the
 * very engine tokend uses for itself: roles ∩ the key's scopes ∩ its allow list.
 */
public final class AuthCheckApi {
    /** Bounds the work one request can ask for. */
    static final int MAX_CHECKS = 256;

    private final RbacEngine engine;

    public AuthCheckApi(RbacEngine engine) {
        this.engine = Objects.requireNonNull(engine);
    }

    /** {@code GET /api/v2/auth/scopes}: every requestable scope name, sorted. No authentication. */
    public void scopes(ServerRequest req, ServerResponse res) {
        Http.json(res, 200, new ScopeCatalog(Scopes.external()));
    }

    /** {@code POST /api/v2/authcheck}. */
    public void check(ServerRequest req, ServerResponse res) {
        Authenticated auth = ApiKeyMiddleware.required(req);
        AuthorizationRequest body = JsonBody.read(req, AuthorizationRequest.class);
        Map<String, AuthorizationRequest.Check> checks = body.checks() == null ? Map.of() : body.checks();
        if (checks.size() > MAX_CHECKS) {
            throw ApiError.validation("Too many checks.", List.of(new ValidationError("checks",
                    "at most " + MAX_CHECKS + " checks per request, got " + checks.size())));
        }
        List<ValidationError> problems = new ArrayList<>();
        Map<String, RbacObject> objects = new LinkedHashMap<>();
        checks.forEach((name, check) -> {
            RbacObject object = object(name, check, auth, problems);
            if (object != null) {
                objects.put(name, object);
            }
        });
        if (!problems.isEmpty()) {
            throw ApiError.validation("Invalid authorization check.", problems);
        }
        Map<String, Boolean> answers = new LinkedHashMap<>();
        objects.forEach((name, object) ->
                answers.put(name, engine.authorize(auth.subject(), checks.get(name).action(), object)));
        Http.json(res, 200, answers);
    }

    private static RbacObject object(String name, AuthorizationRequest.Check check, Authenticated auth,
            List<ValidationError> problems) {
        String field = "checks." + name;
        if (check == null || check.object() == null) {
            problems.add(new ValidationError(field + ".object", "is required"));
            return null;
        }
        AuthorizationRequest.AuthObject o = check.object();
        String type = o.resourceType() == null ? "" : o.resourceType();
        List<String> actions = RoleCatalog.actions().get(type);
        if (actions == null) {
            problems.add(new ValidationError(field + ".object.resource_type", "unknown resource type \"" + type + "\""));
            return null;
        }
        String action = check.action() == null ? "" : check.action();
        if (!actions.contains(action)) {
            problems.add(new ValidationError(field + ".action",
                    "unknown action \"" + action + "\" for resource type \"" + type + "\""));
            return null;
        }
        UUID owner = uuid(o.ownerId(), auth, field + ".object.owner_id", problems);
        UUID org = uuid(o.organizationId(), null, field + ".object.organization_id", problems);
        return new RbacObject(type, o.resourceId() == null ? "" : o.resourceId(), owner, org);
    }

    private static UUID uuid(String value, Authenticated me, String field, List<ValidationError> problems) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (me != null && value.equals("me")) {
            return me.user().id();
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            problems.add(new ValidationError(field, "must be a UUID" + (me != null ? " or \"me\"" : "")));
            return null;
        }
    }
}
