package dev.tokend.server.api.oauth2;

import dev.tokend.server.auth.Actor;
import dev.tokend.server.http.Http;
import dev.tokend.server.http.JsonBody;
import dev.tokend.server.http.RequestInfo;
import dev.tokend.server.oauth2.ClientAuthentication;
import dev.tokend.server.oauth2.OAuth2Error;
import dev.tokend.server.rbac.SystemSubjects;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP plumbing shared by the OAuth2 protocol endpoints: the one place where an {@link OAuth2Error}
 * becomes a response ({@code {error, error_description}}, {@code Cache-Control: no-store}), form
 * bodies, HTTP Basic client credentials (RFC 6749 §2.3.1), and the endpoints' system actor.
 */
public final class OAuth2Http {
    private OAuth2Http() {}

    /** Wraps a protocol handler: refusals are answered as OAuth2 errors; everything gets no-store. */
    public static Handler protocol(Handler handler) {
        return (req, res) -> {
            noStore(res);
            try {
                handler.handle(req, res);
            } catch (OAuth2Error.Refusal refusal) {
                if (!res.isSent()) {
                    error(res, refusal.error(), req.headers().contains(HeaderNames.AUTHORIZATION));
                }
            }
        };
    }

    private static void error(ServerResponse res, OAuth2Error error, boolean triedHeaderAuth) {
        if (error.status() == 401 && "invalid_client".equals(error.code()) && triedHeaderAuth) {
            res.header(HeaderNames.WWW_AUTHENTICATE, "Basic realm=\"tokend\""); // RFC 6749 §5.2
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error.code());
        body.put("error_description", error.description());
        Http.json(res, error.status(), body);
    }

    /** RFC 6749 §5.1: responses with tokens or credentials must not be cached. */
    public static void noStore(ServerResponse res) {
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(HeaderNames.create("Pragma"), "no-cache");
    }

    /** The form body; a request that is not form-encoded is {@code invalid_request}. */
    public static Map<String, String> form(ServerRequest req) {
        String type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
        if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw OAuth2Error.invalidRequest("The request body must be application/x-www-form-urlencoded")
                    .exception();
        }
        return JsonBody.readForm(req);
    }

    /** The client's credentials from HTTP Basic and/or the body. */
    public static ClientAuthentication client(ServerRequest req, Map<String, String> form) {
        return ClientAuthentication.resolve(basic(req), form.get("client_id"), form.get("client_secret"));
    }

    private static Optional<ClientAuthentication> basic(ServerRequest req) {
        String header = req.headers().first(HeaderNames.AUTHORIZATION).orElse("").strip();
        if (header.length() < 6 || !header.regionMatches(true, 0, "basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OAuth2Error.INVALID_CLIENT.exception();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw OAuth2Error.INVALID_CLIENT.exception();
        }
        // RFC 6749 §2.3.1: both parts are form-urlencoded before Basic encoding.
        return Optional.of(new ClientAuthentication(URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)));
    }

    /** A required, non-empty form parameter. */
    public static String required(Map<String, String> form, String name) {
        String value = form.getOrDefault(name, "");
        if (value.isEmpty()) {
            throw OAuth2Error.missingParameter(name).exception();
        }
        return value;
    }

    /** The least-privilege system subject the protocol endpoints act as (reference §8.6). */
    public static Actor systemActor(ServerRequest req) {
        RequestInfo info = RequestInfo.of(req);
        return Actor.system(SystemSubjects.OAUTH2, info.requestId(), info.clientIp());
    }
}
