package dev.tokend.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Asks the user for a value. On a terminal, secrets are read without echo through
 * {@link Console}; otherwise lines are read from standard input, so scripts and tests can pipe
 * answers ({@code printf 'me@example.com\nsecret\n' | tokend login URL}).
 */
interface Prompter {
    /** Reads one line after showing {@code prompt}; fails when the input has ended. */
    String line(String prompt);

    /** Like {@link #line} but, on a terminal, without echoing what is typed. */
    String secret(String prompt);

    /**
     * The console when there is one, else lines of {@code in} with prompts on {@code prompts}
     * (standard error, so standard output carries only results).
     *
     * <p>NOTE: on JDK 22 to 24 {@link System#console()} is not null even when input is piped; the
     * console then still reads the pipe, only without a terminal to hide the secret.
     */
    static Prompter of(Console console, BufferedReader in, PrintWriter prompts) {
        return console != null ? new OnConsole(console) : new OnLines(in, prompts);
    }

    /** Reads from an interactive terminal. */
    final class OnConsole implements Prompter {
        private final Console console;

        OnConsole(Console console) {
            this.console = Objects.requireNonNull(console, "console");
        }

        @Override
        public String line(String prompt) {
            return orEnded(console.readLine("%s", prompt), prompt);
        }

        @Override
        public String secret(String prompt) {
            char[] typed = console.readPassword("%s", prompt);
            return orEnded(typed == null ? null : new String(typed), prompt);
        }
    }

    /** Reads lines from a stream; the secret is visible only to whoever typed it into the pipe. */
    final class OnLines implements Prompter {
        private final BufferedReader in;
        private final PrintWriter prompts;

        OnLines(BufferedReader in, PrintWriter prompts) {
            this.in = Objects.requireNonNull(in, "in");
            this.prompts = Objects.requireNonNull(prompts, "prompts");
        }

        @Override
        public String line(String prompt) {
            prompts.print(prompt);
            String value;
            try {
                value = in.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read standard input", e);
            }
            // Piped input is not echoed, so end the prompt's line as a terminal would after Enter.
            prompts.println();
            prompts.flush();
            return orEnded(value, prompt);
        }

        @Override
        public String secret(String prompt) {
            return line(prompt);
        }
    }

    private static String orEnded(String value, String prompt) {
        if (value == null) {
            throw new CliException("Input ended before an answer to \"" + prompt.strip() + "\" was given.");
        }
        return value.strip();
    }
}
