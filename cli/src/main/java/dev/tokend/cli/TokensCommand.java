package dev.tokend.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

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
final class TokensCommand implements Runnable {
    /** The line {@code tokend --help} shows for this command (read by {@link Main} without building it). */
    static final String SUMMARY = "Manage personal access tokens: long-lived credentials for scripts and services.";

    @Spec
    CommandSpec spec;

    /** {@code tokend tokens} alone lists the subcommands, as {@code tokend} alone lists the commands. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
