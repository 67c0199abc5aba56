package dev.tokend.cli;

import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * Creates the client commands with the run's {@link CliContext}, wired by hand: picocli asks for a
 * class and gets an instance built with what it needs. Everything else (converters, the help
 * command, {@link ServerCommand}) comes from picocli's default factory.
 *
 * <p>NOTE: a chain of class comparisons, not a map of constructor references: this class implements
 * a picocli interface, and picocli's Java 5 class files keep it out of the AOT cache's linked
 * classes, so each lambda here would be spun at run time, on every start.
 */
final class CommandFactory implements IFactory {
    private final CliContext context;

    CommandFactory(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        Object command = command(type);
        return command != null ? type.cast(command) : CommandLine.defaultFactory().create(type);
    }

    private Object command(Class<?> type) {
        if (type == LoginCommand.class) {
            return new LoginCommand(context);
        } else if (type == LoginTokenCommand.class) {
            return new LoginTokenCommand(context);
        } else if (type == LogoutCommand.class) {
            return new LogoutCommand(context);
        } else if (type == WhoamiCommand.class) {
            return new WhoamiCommand(context);
        } else if (type == TokenCreateCommand.class) {
            return new TokenCreateCommand(context);
        } else if (type == TokenListCommand.class) {
            return new TokenListCommand(context);
        } else if (type == TokenViewCommand.class) {
            return new TokenViewCommand(context);
        } else if (type == TokenUpdateCommand.class) {
            return new TokenUpdateCommand(context);
        } else if (type == TokenRemoveCommand.class) {
            return new TokenRemoveCommand(context);
        } else if (type == UsersCommand.class) {
            return new UsersCommand(context);
        } else if (type == UserListCommand.class) {
            return new UserListCommand(context);
        } else if (type == UserCreateCommand.class) {
            return new UserCreateCommand(context);
        } else if (type == UserShowCommand.class) {
            return new UserShowCommand(context);
        } else if (type == UserRolesCommand.class) {
            return new UserRolesCommand(context);
        } else if (type == CompleteCommand.class) {
            return new CompleteCommand(context);
        } else if (type == AuditCommand.class) {
            return new AuditCommand(context);
        } else if (type == OAuth2Command.Apps.class) {
            return new OAuth2Command.Apps(context);
        }
        return null;
    }
}
