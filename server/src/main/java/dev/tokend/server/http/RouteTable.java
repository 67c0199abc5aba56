package dev.tokend.server.http;

import dev.tokend.server.error.ApiError;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.PathMatcher;
import io.helidon.http.PathMatchers;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small route-table builder over Helidon routing: routes are declared in groups whose middleware
 * is visible where the group is declared, each route records its pattern for logs and metrics, and
 * exceptions become responses in exactly one place. Unknown paths answer 404 JSON and known paths
 * with another method 405 JSON with {@code Allow}. Every routed request passes {@link ParameterGuard}
 * first (no control characters in path parameters, no NUL in the query).
 */
public final class RouteTable {
    private static final Logger LOG = LoggerFactory.getLogger(RouteTable.class);

    /** One declared route. */
    public record Route(Method method, String pattern, List<Middleware> middleware, Handler handler) {}

    private final List<Route> routes = new ArrayList<>();
    private final List<Middleware> groupMiddleware;

    public RouteTable() {
        this(List.of());
    }

    private RouteTable(List<Middleware> groupMiddleware) {
        this.groupMiddleware = List.copyOf(groupMiddleware);
    }

    /** Declares routes that all run behind {@code middleware} (outermost first) plus this table's own. */
    public RouteTable group(List<Middleware> middleware, Consumer<RouteTable> routesOfGroup) {
        List<Middleware> combined = new ArrayList<>(groupMiddleware);
        combined.addAll(middleware);
        RouteTable group = new RouteTable(combined);
        routesOfGroup.accept(group);
        routes.addAll(group.routes);
        return this;
    }

    public RouteTable route(Method method, String pattern, Handler handler, Middleware... extra) {
        List<Middleware> chain = new ArrayList<>(groupMiddleware);
        chain.addAll(List.of(extra));
        routes.add(new Route(method, pattern, List.copyOf(chain), handler));
        return this;
    }

    public RouteTable get(String pattern, Handler handler, Middleware... extra) {
        return route(Method.GET, pattern, handler, extra);
    }

    public RouteTable post(String pattern, Handler handler, Middleware... extra) {
        return route(Method.POST, pattern, handler, extra);
    }

    public RouteTable put(String pattern, Handler handler, Middleware... extra) {
        return route(Method.PUT, pattern, handler, extra);
    }

    public RouteTable patch(String pattern, Handler handler, Middleware... extra) {
        return route(Method.PATCH, pattern, handler, extra);
    }

    public RouteTable delete(String pattern, Handler handler, Middleware... extra) {
        return route(Method.DELETE, pattern, handler, extra);
    }

    /** Every declared route, in declaration order (used by tests that walk the whole API). */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /** Installs the routes and the 404/405 fallback into Helidon's routing. */
    public void installInto(HttpRouting.Builder routing) {
        for (Route route : routes) {
            Handler chain = route.handler();
            List<Middleware> middleware = route.middleware();
            for (int i = middleware.size() - 1; i >= 0; i--) {
                chain = middleware.get(i).wrap(chain);
            }
            routing.route(route.method(), route.pattern(), guarded(route.pattern(), chain));
        }
        List<PathMatcher> matchers = routes.stream().map(r -> PathMatchers.create(r.pattern())).toList();
        routing.any(guarded("", (req, res) -> {
            Set<String> allowed = new LinkedHashSet<>();
            for (int i = 0; i < routes.size(); i++) {
                if (matchers.get(i).match(req.path()).accepted()) {
                    allowed.add(routes.get(i).method().text());
                }
            }
            if (allowed.isEmpty()) {
                throw ApiError.of(404, ApiError.ROUTE_NOT_FOUND);
            }
            res.header(HeaderNames.ALLOW, allowed.stream().collect(Collectors.joining(", ")));
            throw ApiError.of(405, "Method not allowed.",
                    "Method " + req.prologue().method().text() + " is not allowed for this route.");
        }));
    }

    /** The one place where exceptions become HTTP responses. */
    private static Handler guarded(String pattern, Handler chain) {
        return (ServerRequest req, ServerResponse res) -> {
            if (!pattern.isEmpty()) {
                RequestInfo.of(req).routePattern(pattern);
            }
            try {
                if (!pattern.isEmpty()) {
                    ParameterGuard.check(req.path().pathParameters(), req.query());
                }
                chain.handle(req, res);
            } catch (ApiError e) {
                if (e.getCause() != null) {
                    LOG.error("request {} failed: {}", RequestInfo.of(req).requestId(), e.body().message(), e.getCause());
                }
                if (!res.isSent()) {
                    Http.error(res, e);
                }
            } catch (Exception | LinkageError e) {
                LOG.error("request {} failed with an unexpected error", RequestInfo.of(req).requestId(), e);
                if (!res.isSent()) {
                    Http.error(res, ApiError.of(500, ApiError.INTERNAL));
                }
            }
        };
    }
}
