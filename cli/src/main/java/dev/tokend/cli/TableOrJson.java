package dev.tokend.cli;

/** {@code -o/--output} of commands that show records: an aligned table or the API's JSON. */
enum TableOrJson {
    TABLE,
    JSON
}
