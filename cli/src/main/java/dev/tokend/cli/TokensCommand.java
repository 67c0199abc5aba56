package dev.tokend.cli;

import picocli.CommandLine.Command;

/** {@code tokend tokens} (alias {@code token}): the group of named-token commands (reference §9.1). */
@Command(
        name = "tokens",
        aliases = "token",
        mixinStandardHelpOptions = true,
        description = {TokensCommand.SUMMARY, ""},
        subcommands = {TokenCreateCommand.class, TokenListCommand.class, TokenViewCommand.class,
            TokenUpdateCommand.class, TokenRemoveCommand.class},
        footer = {"", "Examples:",
            "  tokend tokens create --name ci --lifetime 7d --scope api_key:read",
            "  tokend tokens ls --all --include-expired",
            "  tokend tokens view ci -o json",
            "  tokend tokens update ci --lifetime 30d",
            "  tokend tokens rm ci            # expire now, keep the record",
            "  tokend tokens rm ci --delete   # remove it"})
final class TokensCommand {
    /** The line {@code tokend --help} shows for this command (read by {@link Main} without building it). */
    static final String SUMMARY = "Manage personal access tokens: long-lived credentials for scripts and services.";
}
