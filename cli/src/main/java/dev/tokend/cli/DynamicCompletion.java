package dev.tokend.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The part of the completion scripts that completes real values (token names, usernames, scopes,
 * roles) by calling {@code tokend __complete} ({@link CompleteCommand}); everything else is left
 * to picocli's script (bash, zsh) or {@link FishCompletion}.
 */
final class DynamicCompletion {
    private DynamicCompletion() {}

    /** Appended to picocli's bash script: a completion function that asks the server, then falls back. */
    static String bash(CommandSpec root) {
        return """

                # Values from the server: token names, usernames, scopes, roles (tokend __complete: at most
                # 2 seconds, nothing printed on error). Other words go to picocli's _complete_tokend.
                _tokend_values() {
                  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} kind="" i w
                  local -a args=()
                  for ((i = 1; i < COMP_CWORD; i++)); do
                    w=${COMP_WORDS[i]}
                    case "$w" in
                      %s) i=$((i + 1)) ;;
                      -*) ;;
                      token) args+=(tokens) ;;
                      user) args+=(users) ;;
                      *) args+=("$w") ;;
                    esac
                  done
                  case "$prev" in
                    --scope) kind=scopes ;;
                    -u|--user) kind=users ;;
                  esac
                  if [[ -z "$kind" && "$cur" != -* ]]; then
                    case "${args[0]:-} ${args[1]:-} ${#args[@]}" in
                      "tokens view 2"|"tokens remove 2"|"tokens rm 2"|"tokens delete 2"|"tokens update 2") kind=tokens ;;
                      "users show 2"|"users suspend 2"|"users activate 2"|"users delete 2"|"users rm 2"|"users roles 2") kind=users ;;
                      "users roles "*) kind=roles ;;
                    esac
                  fi
                  if [[ -n "$kind" ]]; then
                    local IFS=$'\\n'
                    COMPREPLY=($(compgen -W "$(tokend %s "$kind" "$cur" 2>/dev/null)" -- "$cur"))
                    return 0
                  fi
                  _complete_tokend "$@"
                }
                complete -F _tokend_values -o default tokend
                """.formatted(String.join("|", optionsWithValues(root)), CompleteCommand.NAME);
    }

    /** Appended to the fish script. */
    static String fish() {
        String call = "(tokend " + CompleteCommand.NAME + " %s (commandline -ct) 2>/dev/null)";
        return String.join("\n",
                "# Values from the server (tokend " + CompleteCommand.NAME + ": at most 2 seconds, quiet on error).",
                "complete -c tokend -n '__fish_seen_subcommand_from tokens token; and __fish_seen_subcommand_from "
                        + "view remove rm delete update' -f -a '" + call.formatted("tokens") + "'",
                "complete -c tokend -n '__fish_seen_subcommand_from users user; and __fish_seen_subcommand_from "
                        + "show suspend activate delete rm roles' -f -a '" + call.formatted("users") + "'",
                "complete -c tokend -n '__fish_seen_subcommand_from users user; and __fish_seen_subcommand_from roles' "
                        + "-f -a '" + call.formatted("roles") + "'",
                "complete -c tokend -n '__fish_seen_subcommand_from create update' -l scope -x -a '"
                        + call.formatted("scopes") + "'",
                "complete -c tokend -n '__fish_seen_subcommand_from tokens token users user' -s u -l user -x -a '"
                        + call.formatted("users") + "'",
                "");
    }

    /** Every option name in the tree that takes a value, so the bash function can skip the value. */
    static List<String> optionsWithValues(CommandSpec root) {
        TreeSet<String> names = new TreeSet<>();
        collect(root, names);
        return new ArrayList<>(names);
    }

    private static void collect(CommandSpec spec, TreeSet<String> names) {
        for (OptionSpec option : spec.options()) {
            if (option.arity().max() > 0) {
                names.addAll(List.of(option.names()));
            }
        }
        for (CommandLine sub : spec.subcommands().values()) {
            collect(sub.getCommandSpec(), names);
        }
    }
}
