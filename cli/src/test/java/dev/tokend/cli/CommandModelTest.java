package dev.tokend.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.StringReader;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The model the build generates ({@code GeneratedCommandModel}) is the one picocli reads from the
 * annotations: the same commands, options, texts, completion and behaviour. Every other CLI test
 * runs on the generated model, which {@link CommandModel#load()} returns.
 */
class CommandModelTest {
    /** Properties that are objects without a useful equality (bindings, the annotated member) or derived from them. */
    private static final Set<String> NOT_COMPARED = Set.of("getter", "setter", "scope", "userObject", "typeInfo",
            "annotatedElement", "command", "group", "root", "toString", "hashCode", "getClass", "preprocessor",
            "parameterConsumer", "commandLine", "parent", "messages", "resourceBundle", "versionProvider",
            "defaultValueProvider", "negatableOptionTransformer", "helpFactory", "sectionMap", "interpolator",
            "mixinAnnotatedElements", "argValues", "commandMethodParamValues", "argGroups", "unmatchedArgsBindings",
            "specElements", "mixins", "subcommands", "options", "positionalParameters", "args", "requiredArgs",
            "optionsMap", "posixOptionsMap", "negatedOptionsMap", "usageMessage", "parser", "wait", "notify",
            "notifyAll", "addMethodSubcommands", "stringValues", "originalStringValues", "getValue", "typedValues", "toBuilder");

    private static CliContext context() {
        return new CliContext(Map.<String, String>of()::get, null, new StringReader(""), InstantSource.system(),
                Path.of(System.getProperty("java.io.tmpdir")));
    }

    @Test
    void theBuildMadeTheGeneratedModelAndTheCliUsesIt() {
        CommandModel model = CommandModel.load();

        assertThat(model).isNotSameAs(CommandModel.ANNOTATIONS);
        assertThat(model.getClass().getSimpleName()).isEqualTo(CommandModelGenerator.CLASS_NAME);
        // The server keeps its annotations (its defaults come from TOKEND_* variables).
        assertThat(model.command(ServerCommand.class, context(), new CommandFactory(context()))).isNull();
    }

    @Test
    void bothModelsPrintTheSameHelpForEveryCommand() {
        Map<String, CommandLine> generated = commands(Main.commandLine(context(), CommandModel.load()));
        Map<String, CommandLine> annotated = commands(Main.commandLine(context(), CommandModel.ANNOTATIONS));

        assertThat(generated.keySet()).isEqualTo(annotated.keySet()).contains("tokend tokens create", "tokend whoami");
        annotated.forEach((path, command) -> {
            for (CommandLine.Help.Ansi ansi : new CommandLine.Help.Ansi[] {CommandLine.Help.Ansi.OFF, CommandLine.Help.Ansi.ON}) {
                assertThat(generated.get(path).getUsageMessage(ansi)).as(path).isEqualTo(command.getUsageMessage(ansi));
            }
        });
    }

    @Test
    void bothModelsHoldTheSamePropertiesForEveryCommandOptionAndParameter() {
        Map<String, CommandLine> generated = commands(Main.commandLine(context(), CommandModel.load()));
        Map<String, CommandLine> annotated = commands(Main.commandLine(context(), CommandModel.ANNOTATIONS));

        annotated.forEach((path, command) -> assertThat(describe(generated.get(path).getCommandSpec())).as(path)
                .isEqualTo(describe(command.getCommandSpec())));
    }

    @Test
    void bothModelsGiveTheSameCompletionScript() {
        String generated = AutoComplete.bash("tokend", Main.commandLine(context(), CommandModel.load()));
        String annotated = AutoComplete.bash("tokend", Main.commandLine(context(), CommandModel.ANNOTATIONS));

        assertThat(generated).isEqualTo(annotated).contains("--lifetime");
    }

    @Test
    void theGeneratorWritesTheClassTheBuildCompiled() throws IOException {
        // A generator change that the build did not pick up (or a hand edit) shows here.
        String source = CommandModelGenerator.generate(Main.commandLine(context(), CommandModel.ANNOTATIONS));
        Path compiled = Path.of("target", "generated-sources", "command-model", "dev", "tokend", "cli",
                CommandModelGenerator.CLASS_NAME + ".java");

        assertThat(source).isEqualTo(Files.readString(compiled, StandardCharsets.UTF_8))
                .contains("final class " + CommandModelGenerator.CLASS_NAME + " implements CommandModel")
                .contains("spec.name(\"whoami\")").doesNotContain("ServerCommand command");
    }

    @Test
    void aMemberTheGeneratedCodeCannotReachStopsTheGenerator() {
        CommandLine tree = Main.commandLine(context(), CommandModel.ANNOTATIONS);
        tree.addSubcommand(new CommandLine(new PrivateOption()));

        assertThatThrownBy(() -> CommandModelGenerator.generate(tree)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("hidden").hasMessageContaining("is private");
    }

    /** A command whose option field the generated code, in another class, could not set. */
    @CommandLine.Command(name = "private-option")
    static final class PrivateOption implements Runnable {
        @CommandLine.Option(names = "--hidden")
        private String hidden;

        @Override
        public void run() {
            System.out.println(hidden);
        }
    }

    @Test
    void parsedValuesReachTheCommandsFields() {
        CommandLine tree = Main.commandLine(context(), CommandModel.load());
        CommandLine.ParseResult parsed = tree.parseArgs("--global-config", "/tmp/x", "tokens", "create", "--name", "ci",
                "--lifetime", "7d", "--scope", "api_key:read", "--scope", "user:read");
        TokenCreateCommand create = (TokenCreateCommand) parsed.subcommand().subcommand().commandSpec().userObject();

        assertThat(create.name).isEqualTo("ci");
        assertThat(create.lifetime).hasDays(7);
        assertThat(create.scopes).containsExactly("api_key:read", "user:read");
        assertThat(create.spec).isSameAs(parsed.subcommand().subcommand().commandSpec());
        TokenListCommand list = (TokenListCommand) Main.commandLine(context(), CommandModel.load())
                .parseArgs("tokens", "ls", "-c", "name,expires_at").subcommand().subcommand().commandSpec().userObject();
        assertThat(list.columns).containsExactly("name", "expires_at");
    }

    /** Every command of the tree by its full name, each once. */
    private static Map<String, CommandLine> commands(CommandLine root) {
        Map<String, CommandLine> commands = new TreeMap<>();
        collect(root, commands, new IdentityHashMap<>());
        return commands;
    }

    private static void collect(CommandLine command, Map<String, CommandLine> commands, Map<CommandLine, Boolean> seen) {
        if (seen.put(command, Boolean.TRUE) != null) {
            return;
        }
        commands.put(command.getCommandSpec().qualifiedName(), command);
        command.getSubcommands().values().forEach(sub -> collect(sub, commands, seen));
    }

    /** Every readable property of the command, its usage message, its options and its parameters, as text. */
    private static List<String> describe(CommandSpec spec) {
        List<String> lines = new ArrayList<>();
        properties("command", spec, lines);
        properties("usage", spec.usageMessage(), lines);
        lines.add("subcommands " + spec.subcommands().keySet());
        lines.add("mixins " + spec.mixins().keySet());
        for (ArgSpec arg : spec.args()) {
            properties(arg.isOption() ? "option " + Arrays.toString(((CommandLine.Model.OptionSpec) arg).names())
                    : "positional " + ((CommandLine.Model.PositionalParamSpec) arg).index(), arg, lines);
        }
        return lines;
    }

    private static void properties(String prefix, Object target, List<String> lines) {
        Map<String, String> values = new TreeMap<>();
        for (Method method : target.getClass().getMethods()) {
            if (method.getParameterCount() != 0 || NOT_COMPARED.contains(method.getName())
                    || java.lang.reflect.Modifier.isStatic(method.getModifiers())
                    || method.getReturnType() == void.class) {
                continue;
            }
            Object value;
            try {
                value = method.invoke(target);
            } catch (ReflectiveOperationException e) {
                value = "throws " + e.getCause();
            }
            values.put(method.getName(), text(value));
        }
        values.forEach((name, value) -> lines.add(prefix + " " + name + " = " + value));
    }

    private static String text(Object value) {
        if (value instanceof Object[] array) {
            List<String> items = new ArrayList<>();
            for (Object item : array) {
                items.add(text(item));
            }
            return items.toString();
        }
        if (value instanceof Iterable<?> iterable && !(value instanceof UsageMessageSpec)) {
            List<String> items = new ArrayList<>();
            iterable.forEach(item -> items.add(String.valueOf(item)));
            return value.getClass().getName().startsWith("java.") ? items.toString()
                    : value.getClass().getName() + items;
        }
        if (value instanceof CommandLine.ITypeConverter<?> converter) {
            return converter.getClass().getName();
        }
        if (value instanceof CommandLine.Range range) {
            return range + (range.isUnspecified() ? " (unspecified)" : "");
        }
        return String.valueOf(value);
    }
}
