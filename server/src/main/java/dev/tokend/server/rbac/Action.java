package dev.tokend.server.rbac;

/** Actions of the RBAC catalog that tokend checks so far (spec §4.1, §4.3). */
public enum Action {
    READ("read"),
    CREATE("create"),
    UPDATE("update"),
    DELETE("delete"),
    UPDATE_PERSONAL("update_personal"),
    ASSIGN("assign"),
    UNASSIGN("unassign");

    private final String wireName;

    Action(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
