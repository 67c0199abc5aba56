package dev.tokend.cli;

import com.fasterxml.jackson.core.JacksonException;
import dev.tokend.sdk.ApiException;
import dev.tokend.sdk.model.ValidationError;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place failures become what the user reads and the exit status: the server's message,
 * detail and validations for an API error, a plain sentence for an unreachable server or a
 * {@link CliException} (status 1), the problem and a pointer to {@code --help} for a usage error
 * (status 2). Never a stack trace: these are answers, not bugs.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
    static final int FAILED = 1;

    private final CliContext context;

    ErrorReporter(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        switch (e) {
            case ApiException api -> reportApi(err, api);
            case CliException cli -> err.println("Error: " + cli.getMessage());
            case UncheckedIOException io when io.getCause() instanceof JacksonException json ->
                err.println("Error: " + server() + " answered something that is not the tokend API ("
                        + json.getOriginalMessage() + "). Check the URL.");
            case UncheckedIOException io -> {
                err.println("Error: cannot reach the tokend server at " + server() + " (" + reason(io) + ").");
                err.println("Is it running? The URL comes from $" + CliContext.ENV_URL
                        + " or from 'tokend login <url>'.");
            }
            default -> err.println("Error: " + sentence(e));
        }
        err.flush();
        return FAILED;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("Error: " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    private void reportApi(PrintWriter err, ApiException api) {
        err.println("Error: " + api.message());
        if (!api.detail().isEmpty()) {
            err.println("  " + api.detail());
        }
        for (ValidationError validation : api.validations()) {
            err.println("  " + validation.field() + ": " + validation.detail());
        }
        if (api.status() == 401) {
            if (context.sessionFromEnvironment()) {
                // Signing in again would not help: the variable wins over the stored session.
                err.println("The token in $" + CliContext.ENV_SESSION_TOKEN + " is not valid (expired or deleted?): "
                        + "set it to a current token, or unset it to use the session of 'tokend login'.");
            } else {
                err.println("Run 'tokend login " + server() + "' to sign in again.");
            }
        }
    }

    /**
     * The message of an unexpected failure without the Java class name (the issue: "Error:
     * java.lang.IllegalStateException: data directory … is in use"), skipping wrappers whose
     * message is only their cause's class and message.
     */
    static String sentence(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            // new X(cause) takes cause.toString(), class name included, as its message: use the cause's.
            boolean wrapper = cause.getCause() != null && cause.getCause().toString().equals(message);
            if (message != null && !message.isBlank() && !wrapper) {
                return message;
            }
        }
        return "an unexpected failure without a message; please report it";
    }

    private String server() {
        return context.target().map(Object::toString).orElse("<url>");
    }

    /** A short reason from the transport failure; the JDK's messages are often null for these. */
    private static String reason(Throwable failure) {
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            switch (cause) {
                case HttpConnectTimeoutException timeout -> {
                    return "connection timed out";
                }
                case ConnectException refused -> {
                    return "connection refused";
                }
                case HttpTimeoutException timeout -> {
                    return "no answer in time";
                }
                case UnknownHostException unknown -> {
                    return "unknown host " + unknown.getMessage();
                }
                default -> {
                    // Keep walking: the SDK wraps the JDK's exception.
                }
            }
        }
        Throwable root = failure.getCause() != null ? failure.getCause() : failure;
        return root.getMessage() != null ? root.getMessage() : "the connection failed";
    }
}
