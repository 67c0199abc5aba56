package dev.tokend.server.auth;

import java.util.UUID;

/**
 * Changes the validation cache must hear of. Every replica hears them through PostgreSQL
 * notifications on commit; the replica that made a change also reports it directly, right after its
 * commit, so its own next request never sees the old state.
 */
public interface KeyEvents {
    /** A key was minted. */
    void keyCreated(String id);

    /** A key changed in a way that matters to validation (expired, scopes, allow list…). */
    void keyChanged(String id);

    /** A key was deleted. */
    void keyDeleted(String id);

    /** A user, their roles, status, password or memberships changed; every key of theirs is affected. */
    void userChanged(UUID userId);

    /** Hears nothing (no cache). */
    KeyEvents NONE = new KeyEvents() {
        @Override
        public void keyCreated(String id) {}

        @Override
        public void keyChanged(String id) {}

        @Override
        public void keyDeleted(String id) {}

        @Override
        public void userChanged(UUID userId) {}
    };
}
