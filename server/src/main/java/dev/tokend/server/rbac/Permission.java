package dev.tokend.server.rbac;

import java.util.Comparator;
import java.util.Objects;

/**
 * One scope permission: a resource type and an action, either of which may be the wildcard
 * {@code *} (spec §4.3, §4.4).
 *
 * <p>Two questions are asked of a permission. {@link #matches} authorizes a concrete request on an
 * object (§4.4 step 4b). {@link #covers} is the escalation guard's coverage rule (§4.6 and the
 * "Scope escalation" tokend decision): a wildcard is only covered by the same wildcard, so a
 * narrow permission can never be used to justify a wider one.
 *
 * <p>Permissions order by resource, then action, so expanded sets print deterministically (for
 * example in audit {@code additional_fields}, §6).
 */
public record Permission(String resource, String action) implements Comparable<Permission> {

    /** The wildcard that stands for every resource type or every action. */
    public static final String WILDCARD = "*";

    /** {@code (*, *)}: everything; the expansion of {@code coder:all}. */
    public static final Permission ALL = new Permission(WILDCARD, WILDCARD);

    private static final Comparator<Permission> ORDER =
            Comparator.comparing(Permission::resource).thenComparing(Permission::action);

    /** Rejects null or blank parts: a blank part would silently match nothing. */
    public Permission {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(action, "action");
        if (resource.isBlank() || action.isBlank()) {
            throw new IllegalArgumentException(
                    "permission resource and action must not be blank: " + resource + ":" + action);
        }
    }

    /**
     * Whether this permission authorizes {@code action} on an object of resource {@code type}
     * (§4.4 step 4b): each part is either the wildcard or equal.
     */
    public boolean matches(String type, String action) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(action, "action");
        return partCovers(this.resource, type) && partCovers(this.action, action);
    }

    /**
     * Whether this permission includes everything {@code other} allows (§4.6 coverage rule).
     * {@code (*,*)} covers everything; {@code (r,*)} covers {@code (r,*)} and {@code (r,x)};
     * {@code (r,a)} covers only itself. A wildcard in {@code other} is covered only by a wildcard
     * in the same position, so {@code (r,a)} never covers {@code (r,*)} and {@code (r,*)} never
     * covers {@code (*,*)}.
     */
    public boolean covers(Permission other) {
        Objects.requireNonNull(other, "other");
        // Part-wise: '*' covers anything (including '*'); a concrete value covers only itself,
        // so it never covers a '*'.
        return partCovers(resource, other.resource) && partCovers(action, other.action);
    }

    private static boolean partCovers(String mine, String theirs) {
        return WILDCARD.equals(mine) || mine.equals(theirs);
    }

    @Override
    public int compareTo(Permission other) {
        return ORDER.compare(this, other);
    }

    /** {@code resource:action}, the scope-name form. */
    @Override
    public String toString() {
        return resource + ":" + action;
    }
}
