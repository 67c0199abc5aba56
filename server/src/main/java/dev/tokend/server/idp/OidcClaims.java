package dev.tokend.server.idp;

import dev.tokend.server.IdpOptions;
import dev.tokend.server.error.ApiError;
import dev.tokend.server.error.PageError;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The claim rules of an OIDC sign-in, pure functions of the merged claims and the options:
 * email and {@code email_verified} and the domain rule (reference §A.6), the username candidate,
 * name and avatar (§A.7) and the group allow list (§A.8). Refusals carry the reference's texts.
 */
public final class OidcClaims {
    private OidcClaims() {}

    /** What the claims say about the user. */
    public record Profile(String email, String usernameCandidate, String name, String avatarUrl) {}

    public static Profile profile(Map<String, Object> merged, IdpOptions.Oidc options) {
        String username = merged.get(options.usernameField()) instanceof String s ? s : "";
        String email;
        if (!merged.containsKey(options.emailField())) {
            if (dev.tokend.server.user.UserValidation.validEmail(username)) {
                email = username;
            } else {
                throw ApiError.badRequest("No email found in OIDC payload!", null);
            }
        } else if (merged.get(options.emailField()) instanceof String s) {
            email = s;
        } else {
            throw ApiError.badRequest("Email in OIDC payload isn't a string. Got: " + goBoolVerb(
                    merged.get(options.emailField())), null);
        }
        // Only a JSON boolean false rejects; absent or non-boolean values pass (§A.6 step 3).
        if (Boolean.FALSE.equals(merged.get("email_verified")) && !options.ignoreEmailVerified()) {
            throw ApiError.of(403, "Verify the \"" + email + "\" email address on your OIDC provider to authenticate!");
        }
        if (!options.emailDomains().isEmpty() && !domainAllowed(email, options.emailDomains())) {
            throw ApiError.of(403, "Your email \"" + email
                    + "\" is not from an authorized domain! Please contact your administrator.");
        }
        String name = merged.get(options.nameField()) instanceof String s ? truncate(s.strip(), 128) : "";
        String avatar = merged.get("picture") instanceof String s ? s : "";
        return new Profile(email, username, name, avatar);
    }

    /** Exact, case-insensitive match of the part after the last {@code @}; a configured leading {@code @} is ignored. */
    static boolean domainAllowed(String email, List<String> domains) {
        int at = email.lastIndexOf('@');
        if (at < 0) {
            return false;
        }
        String domain = email.substring(at + 1);
        for (String d : domains) {
            String allowed = d.startsWith("@") ? d.substring(1) : d;
            if (domain.equalsIgnoreCase(allowed)) {
                return true;
            }
        }
        return false;
    }

    /** The group allow list (§A.8), enforced before any account change. */
    public static void requireAllowedGroup(Map<String, Object> merged, IdpOptions.Oidc options) {
        if (options.allowedGroups().isEmpty()) {
            return;
        }
        Object groups = merged.get(options.groupField());
        if (groups == null) {
            throw new PageError(403, "Not a member of an allowed group", "You have no groups in your claims!");
        }
        List<?> list;
        if (groups instanceof List<?> l) {
            list = l;
        } else if (groups instanceof String s) {
            list = List.of(s);
        } else {
            throw new PageError(400, "Failed read groups from claims for allow list check. Ask an administrator "
                    + "for help.", "");
        }
        for (Object g : list) {
            if (g instanceof String s && options.allowedGroups().contains(s)) {
                return;
            }
        }
        throw new PageError(403, "Not a member of an allowed group",
                "Ask an administrator to add one of your groups to the allow list.");
    }

    /** Go's {@code %t} verb on a non-boolean JSON value, as the reference prints it. */
    static String goBoolVerb(Object value) {
        if (value instanceof Boolean b) {
            return b.toString();
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            String text = d == Math.rint(d) && !Double.isInfinite(d) ? String.valueOf((long) d) : String.valueOf(d);
            return "%!t(float64=" + text + ")";
        }
        if (value == null) {
            return "%!t(<nil>)";
        }
        if (value instanceof List<?>) {
            return "%!t([]interface {}=" + value + ")";
        }
        return "%!t(map[string]interface {}=" + value + ")";
    }

    private static String truncate(String s, int maxBytes) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (b.length <= maxBytes) {
            return s;
        }
        String cut = new String(b, 0, maxBytes, java.nio.charset.StandardCharsets.UTF_8);
        return cut.endsWith("\uFFFD") ? cut.substring(0, cut.length() - 1) : cut;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
