package dev.tokend.cli;

import dev.tokend.sdk.ApiException;
import dev.tokend.sdk.TokendClient;
import dev.tokend.sdk.model.ValidatePasswordResponse;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.Optional;

/**
 * Asks for a new password until one is acceptable and confirmed: each answer is checked against the
 * server's policy ({@code POST /api/v2/users/validate-password}) as soon as it is typed, before the
 * confirmation is asked for, so a weak password is refused at once and asked for again.
 */
final class PasswordPrompt {
    private final Prompter prompter;
    private final PrintWriter err;
    private final TokendClient client;

    PasswordPrompt(Prompter prompter, PrintWriter err, TokendClient client) {
        this.prompter = Objects.requireNonNull(prompter, "prompter");
        this.err = Objects.requireNonNull(err, "err");
        this.client = Objects.requireNonNull(client, "client");
    }

    /** A password that passed the check and was typed twice. */
    String ask(String prompt) {
        while (true) {
            String password = prompter.secret(prompt);
            Optional<String> refused = refusal(password);
            if (refused.isPresent()) {
                say("That password is not accepted: " + refused.get());
            } else if (!password.equals(prompter.secret("Confirm password: "))) {
                say("Passwords do not match.");
            } else {
                return password;
            }
        }
    }

    /** Says why a rejected password was refused; the caller asks again. */
    void refused(String reason) {
        say("That password is not accepted: " + reason);
    }

    /**
     * Why the server's policy refuses {@code password}, or empty when it accepts it or cannot be
     * asked (a server that wants a session for the check, as the reference does before and after
     * setup: then the server's answer to creating the user is the check). tokend answers it
     * without a session until the first user exists.
     */
    private Optional<String> refusal(String password) {
        try {
            ValidatePasswordResponse check = client.validatePassword(password);
            return check.valid() ? Optional.empty() : Optional.of(check.details());
        } catch (ApiException e) {
            if (e.status() == 401) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private void say(String sentence) {
        err.println(sentence);
        err.flush();
    }
}
