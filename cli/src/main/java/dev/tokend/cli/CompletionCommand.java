package dev.tokend.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tokend completion bash|zsh|fish}: a shell completion script on standard output. */
@Command(
        name = "completion",
        mixinStandardHelpOptions = true,
        description = {CompletionCommand.SUMMARY, ""},
        footer = {"", "Examples:",
            "  tokend completion bash > ~/.local/share/bash-completion/completions/tokend",
            "  source <(tokend completion bash)",
            "  tokend completion zsh > \"$${fpath[1]}/_tokend\"",
            "  tokend completion fish > ~/.config/fish/completions/tokend.fish"})
final class CompletionCommand implements Callable<Integer> {
    /** The line {@code tokend --help} shows for this command (read by {@link Main} without building it). */
    static final String SUMMARY = "Print a shell completion script for tokend.";

    /** The shells a script can be printed for. */
    enum Shell {
        BASH,
        ZSH,
        FISH;

        /** Lower case, as typed and as help and shell completion offer it. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash, zsh or fish.")
    Shell shell;

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
        PrintWriter out = spec.commandLine().getOut();
        switch (shell) {
            case BASH -> out.print(AutoComplete.bash("tokend", root) + DynamicCompletion.bash(root.getCommandSpec()));
            case ZSH -> {
                // picocli's script is written for bash; zsh runs it through its bash compatibility layer.
                out.println("autoload -U +X compinit && compinit");
                out.println("autoload -U +X bashcompinit && bashcompinit");
                out.print(AutoComplete.bash("tokend", root) + DynamicCompletion.bash(root.getCommandSpec()));
            }
            case FISH -> out.print(FishCompletion.script(root.getCommandSpec()) + DynamicCompletion.fish());
        }
        out.flush();
        return 0;
    }
}
