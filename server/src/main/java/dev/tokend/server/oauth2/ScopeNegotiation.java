package dev.tokend.server.oauth2;

import dev.tokend.server.rbac.Scopes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Negotiates requested scopes against a client's allowed scopes (reference §8.2): names the client
 * may not have are dropped; if nothing is left the request is {@code invalid_scope}; an empty
 * request gets the client's allowed scopes, or {@code coder:all} when that list is empty. Legacy
 * aliases are stored canonically and duplicates once. Unknown names are {@code invalid_scope}.
 */
public final class ScopeNegotiation {
    private ScopeNegotiation() {}

    /** The space-separated {@code scope} parameter as a list (RFC 6749 §3.3). */
    public static List<String> parse(String scope) {
        if (scope == null || scope.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String s : scope.strip().split(" +")) {
            out.add(s);
        }
        return out;
    }

    /** The scopes to grant; throws {@code invalid_scope}. */
    public static List<String> negotiate(List<String> requested, List<String> allowed) {
        if (requested.isEmpty()) {
            return allowed.isEmpty() ? List.of(Scopes.ALL) : Scopes.normalize(allowed);
        }
        Set<String> granted = new LinkedHashSet<>();
        for (String name : requested) {
            String canonical = Scopes.canonical(name).orElseThrow(() -> OAuth2Error.INVALID_SCOPE.exception());
            if (allowed.isEmpty() || Scopes.covers(allowed, List.of(canonical))) {
                granted.add(canonical);
            }
        }
        if (granted.isEmpty()) {
            throw OAuth2Error.INVALID_SCOPE.exception();
        }
        return Scopes.normalize(List.copyOf(granted));
    }

    /** The scope list as the {@code scope} response value. */
    public static String format(List<String> scopes) {
        return String.join(" ", scopes);
    }
}
