package dev.tokend.server.auth;

import dev.tokend.server.rbac.Subject;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Who asks the store to read or change something, and where the request came from. Every method of
 * the authorizing data layer takes one: the subject decides what is allowed, the rest goes into the
 * audit row. Three kinds:
 * <ul>
 *   <li>{@link #signedIn}: a request authenticated with an API key (the common case);
 *   <li>{@link #anonymous}: a request without a key (password login, first user); the store only
 *       offers it the operations that prove their own authority (credentials);
 *   <li>{@link #system}: a background job or the server itself, acting as a named system subject.
 * </ul>
 */
public record Actor(Principal principalOrNull, Subject subjectOrNull, UUID requestId, InetAddress ip,
        String userAgent) {
    /** The nil UUID: the audit log's "nobody". */
    public static final UUID NIL = new UUID(0, 0);

    public Actor {
        Objects.requireNonNull(requestId, "requestId");
        userAgent = userAgent == null ? "" : userAgent;
    }

    public static Actor signedIn(Principal principal, UUID requestId, InetAddress ip, String userAgent) {
        Objects.requireNonNull(principal, "principal");
        return new Actor(principal, principal.subject(), requestId, ip, userAgent);
    }

    public static Actor anonymous(UUID requestId, InetAddress ip, String userAgent) {
        return new Actor(null, null, requestId, ip, userAgent);
    }

    public static Actor system(Subject subject, UUID requestId, InetAddress ip) {
        Objects.requireNonNull(subject, "subject");
        return new Actor(null, subject, requestId, ip, "");
    }

    public Optional<Principal> principal() {
        return Optional.ofNullable(principalOrNull);
    }

    /** The subject to authorize; an anonymous actor has none and is refused everything that needs one. */
    public Optional<Subject> subject() {
        return Optional.ofNullable(subjectOrNull);
    }

    /** The signed-in user's id for the audit row, or {@link #NIL}. */
    public UUID userId() {
        return principalOrNull == null ? NIL : principalOrNull.user().id();
    }

    /** The client address as text for stored rows ({@code 0.0.0.0} when unknown). */
    public String ipText() {
        return ip == null ? "0.0.0.0" : ip.getHostAddress();
    }
}
