package dev.tokend.sdk.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * {@code POST /api/v2/authcheck}: named questions "may the calling token perform {@code action}
 * on {@code object}?". The answer maps each name to a boolean.
 *
 * <pre>{@code
 * {"checks": {"read-my-keys": {"object": {"resource_type": "api_key", "owner_id": "me"}, "action": "read"}}}
 * }</pre>
 */
public record AuthorizationRequest(Map<String, Check> checks) {
    /** One question. */
    public record Check(AuthObject object, String action) {}

    /**
     * The object asked about. Empty fields mean "any": no owner, no organization, any id. {@code owner_id}
     * may be {@code me} for the caller.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AuthObject(String resourceType, String ownerId, String organizationId, String resourceId) {}
}
