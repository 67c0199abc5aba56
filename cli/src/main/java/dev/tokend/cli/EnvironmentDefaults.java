package dev.tokend.cli;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every long option {@code --some-name} can also be set with the environment variable
 * {@code TOKEND_SOME_NAME}; a flag given on the command line wins. When the variable is unset the
 * option's declared default (a constant of {@code ServerOptions}) applies. A bad value is reported
 * by picocli naming the option, exactly as if it had been typed.
 */
final class EnvironmentDefaults implements IDefaultValueProvider {
    private final Function<String, String> env;

    EnvironmentDefaults(Function<String, String> env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    static String variableFor(String longName) {
        return "TOKEND_" + longName.replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (argSpec instanceof OptionSpec option && option.longestName().startsWith("--")
                && !option.usageHelp() && !option.versionHelp()) {
            String value = env.apply(variableFor(option.longestName()));
            if (value != null) {
                return value;
            }
        }
        return argSpec.defaultValue();
    }
}
