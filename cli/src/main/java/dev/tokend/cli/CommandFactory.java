package dev.tokend.cli;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * Creates the client commands with the run's {@link CliContext}, wired by hand: picocli asks for a
 * class and gets an instance built with what it needs. Everything else (converters, the help
 * command, {@link ServerCommand}) comes from picocli's default factory.
 */
final class CommandFactory implements IFactory {
    private static final Map<Class<?>, Function<CliContext, Object>> COMMANDS = Map.ofEntries(
            Map.entry(LoginCommand.class, LoginCommand::new),
            Map.entry(LogoutCommand.class, LogoutCommand::new),
            Map.entry(WhoamiCommand.class, WhoamiCommand::new),
            Map.entry(TokenCreateCommand.class, TokenCreateCommand::new),
            Map.entry(TokenListCommand.class, TokenListCommand::new),
            Map.entry(TokenViewCommand.class, TokenViewCommand::new),
            Map.entry(TokenUpdateCommand.class, TokenUpdateCommand::new),
            Map.entry(TokenRemoveCommand.class, TokenRemoveCommand::new),
            Map.entry(UsersCommand.class, UsersCommand::new),
            Map.entry(UserListCommand.class, UserListCommand::new),
            Map.entry(UserCreateCommand.class, UserCreateCommand::new),
            Map.entry(UserShowCommand.class, UserShowCommand::new),
            Map.entry(UserRolesCommand.class, UserRolesCommand::new),
            Map.entry(AuditCommand.class, AuditCommand::new),
            Map.entry(OAuth2Command.Apps.class, OAuth2Command.Apps::new));

    private final CliContext context;

    CommandFactory(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        Function<CliContext, Object> constructor = COMMANDS.get(type);
        return constructor != null ? type.cast(constructor.apply(context)) : CommandLine.defaultFactory().create(type);
    }
}
