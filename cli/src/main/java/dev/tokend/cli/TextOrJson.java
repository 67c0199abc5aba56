package dev.tokend.cli;

/** {@code -o/--output} of commands whose plain answer is one value or sentence, or the API's JSON. */
enum TextOrJson {
    TEXT,
    JSON;

    /** Lower case, as typed and as help and shell completion offer it. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
