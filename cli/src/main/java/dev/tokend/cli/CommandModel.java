package dev.tokend.cli;

import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * How the client commands' picocli model is built: by {@code GeneratedCommandModel}, code that the
 * build writes from the commands' annotations ({@link CommandModelGenerator}), or, where that
 * class is missing (a run from an IDE that skipped the build step), from the annotations at run
 * time. Both give the same model ({@code CommandModelTest}); the generated one starts faster.
 */
interface CommandModel {
    /** Reads the annotations as each command is built: picocli's own way. */
    CommandModel ANNOTATIONS = new CommandModel() {
        @Override
        public CommandLine root(Main main, CliContext context, IFactory factory) {
            return new CommandLine(main, factory);
        }

        @Override
        public CommandLine command(Class<?> type, CliContext context, IFactory factory) {
            return new CommandLine(type, factory);
        }
    };

    /** {@code tokend} itself, without its subcommands. */
    CommandLine root(Main main, CliContext context, IFactory factory);

    /** The top-level command of class {@code type} with its subcommands, or null when this model does not build it. */
    CommandLine command(Class<?> type, CliContext context, IFactory factory);

    /** The generated model when the build made one, else {@link #ANNOTATIONS}. */
    static CommandModel load() {
        try {
            return (CommandModel) Class.forName(CommandModel.class.getPackageName() + "."
                    + CommandModelGenerator.CLASS_NAME).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return ANNOTATIONS;
        }
    }
}
