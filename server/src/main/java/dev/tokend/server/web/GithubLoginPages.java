package dev.tokend.server.web;

import dev.tokend.server.error.ApiError;
import dev.tokend.server.error.PageError;
import dev.tokend.server.http.Http;
import dev.tokend.server.idp.GithubClient;
import dev.tokend.server.idp.IdpTokens;
import dev.tokend.server.store.IdpLogins;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GitHub sign-in (reference §C.3–C.4): {@code GET /api/v2/users/oauth2/github/callback} starts and
 * finishes the web flow (or, with the device flow, sends the browser to {@code /login/device} and
 * takes the device code as {@code code}); {@code GET /api/v2/users/oauth2/github/device} asks GitHub
 * for a device code. The state checks, cookies, audit and session are those of {@link IdpLoginPages}.
 * tokend decision (issue 12): org and team refusals are a 403 page (JSON in the device flow), not
 * the reference's 401 with a {@code Location} header that browsers never follow.
 */
public final class GithubLoginPages {
    private static final String CALLBACK = "/api/v2/users/oauth2/github/callback";

    private final GithubClient github; // null when GitHub is off
    private final IdpLoginPages flow;
    private final String signupsDisabledText;

    public GithubLoginPages(GithubClient githubOrNull, IdpLoginPages flow, String signupsDisabledText) {
        this.github = githubOrNull;
        this.flow = flow;
        this.signupsDisabledText = signupsDisabledText == null ? "" : signupsDisabledText;
    }

    /** {@code GET /api/v2/users/oauth2/github/device}. */
    public void device(ServerRequest req, ServerResponse res) {
        if (github == null) {
            throw ApiError.badRequest("Github OAuth2 is not enabled.", null);
        }
        if (!github.options().deviceFlow()) {
            throw ApiError.badRequest("Device flow is not enabled for Github OAuth2.", null);
        }
        GithubClient.DeviceCode code;
        try {
            code = github.deviceCode();
        } catch (IOException e) {
            throw ApiError.of(500, "Failed to authorize device.", e.getMessage());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("device_code", code.deviceCode());
        body.put("user_code", code.userCode());
        body.put("verification_uri", code.verificationUri());
        body.put("expires_in", code.expiresIn());
        body.put("interval", code.interval());
        Http.json(res, 200, body);
    }

    /** {@code GET /api/v2/users/oauth2/github/callback}. */
    public void callback(ServerRequest req, ServerResponse res) {
        if (github == null) {
            throw ApiError.badRequest(IdpLoginPages.NOT_CONFIGURED, null);
        }
        Optional<String> error = req.query().first("error").asOptional();
        if (error.isPresent()) {
            throw flow.fail(req, "github", ApiError.badRequest("Encountered error in oidc process: " + error.get(),
                    req.query().first("error_description").orElse("")));
        }
        Optional<String> code = req.query().first("code").asOptional().filter(c -> !c.isEmpty());
        boolean device = github.options().deviceFlow();
        if (code.isEmpty()) {
            String state = flow.startState(req);
            flow.setFlowCookie(res, IdpLoginPages.STATE_COOKIE, state);
            flow.setFlowCookie(res, IdpLoginPages.REDIRECT_COOKIE, IdpLoginPages.startRedirect(req));
            res.status(Status.TEMPORARY_REDIRECT_307);
            res.header(HeaderNames.LOCATION, device ? "/login/device?state=" + state
                    : github.authorizationUrl(flow.redirectUri(CALLBACK), state).toString());
            res.send();
            return;
        }
        flow.checkState(req, res, "github", false);
        IdpTokens tokens;
        try {
            tokens = device ? github.exchangeDeviceCode(code.get())
                    : github.exchange(code.get(), flow.redirectUri(CALLBACK));
        } catch (GithubClient.OAuthError | IOException e) {
            int status = "authorization_pending".equals(e.getMessage()) || "slow_down".equals(e.getMessage())
                    ? 400 : 500;
            throw flow.fail(req, "github", ApiError.of(status, "Failed exchanging Oauth code.", e.getMessage()));
        }
        try {
            signIn(req, res, tokens, device);
        } catch (PageError e) {
            flow.recordRefusal(req, "github", e.status(), e.title() + ": " + e.description());
            flow.page(res, e, device);
        }
    }

    private void signIn(ServerRequest req, ServerResponse res, IdpTokens tokens, boolean device) {
        String token = tokens.accessToken();
        List<String> keptOrgs = new ArrayList<>();
        var options = github.options();
        try {
            if (!options.allowEveryone()) {
                for (GithubClient.OrgMembership m : github.organizationMemberships(token)) {
                    if ("active".equals(m.state()) && options.allowedOrgs().contains(m.org())) {
                        keptOrgs.add(m.org());
                    }
                }
                if (keptOrgs.isEmpty()) {
                    throw new PageError(403, "Unauthorized",
                            "You aren't a member of the authorized Github organizations!");
                }
            }
        } catch (IOException e) {
            throw flow.fail(req, "github", ApiError.of(500,
                    "Internal error fetching authenticated Github user organizations.", e.getMessage()));
        }
        GithubClient.User user;
        try {
            user = github.user(token);
        } catch (IOException e) {
            throw flow.fail(req, "github", ApiError.of(500, "Internal error fetching authenticated Github user.",
                    e.getMessage()));
        }
        if (!options.allowedTeams().isEmpty() && !options.allowEveryone()) {
            boolean member = false;
            try {
                for (String entry : options.allowedTeams()) {
                    String[] orgTeam = entry.split("/", 2);
                    if (keptOrgs.contains(orgTeam[0]) && github.teamMember(token, orgTeam[0], orgTeam[1],
                            user.login())) {
                        member = true;
                        break;
                    }
                }
            } catch (IOException e) {
                throw flow.fail(req, "github", ApiError.of(500, "Internal error fetching Github team membership.",
                        e.getMessage()));
            }
            if (!member) {
                throw new PageError(403, "Unauthorized", "You aren't a member of an authorized team in the ["
                        + String.join(" ", keptOrgs) + "] Github organization(s)!");
            }
        }
        String email;
        try {
            email = github.emails(token).stream().filter(e -> e.verified() && e.primary())
                    .map(GithubClient.Email::email).findFirst().orElse(null);
        } catch (IOException e) {
            throw flow.fail(req, "github", ApiError.of(500, "Internal error fetching personal Github user.",
                    e.getMessage()));
        }
        if (email == null) {
            throw flow.fail(req, "github", ApiError.badRequest("Your primary email must be verified on GitHub!",
                    null));
        }
        if (user.id() == 0) {
            throw flow.fail(req, "github", ApiError.of(500, "The GitHub user ID is missing, this should never "
                    + "happen. Please report this error.", "Other user fields: name=\"" + user.name()
                    + "\", email=\"" + user.email() + "\", type=\"" + user.type() + "\""));
        }
        IdpLogins.Identity identity = new IdpLogins.Identity("github", Long.toString(user.id()), email,
                user.login().replace('_', '-'), truncate(user.name().strip()), user.avatarUrl(), tokens,
                "{\"id_token_claims\":null,\"user_info_claims\":null,\"merged_claims\":null}",
                github.isGithubCom() ? user.id() : 0);
        flow.finish(req, res, identity, new IdpLogins.SignupPolicy(options.allowSignups(), signupsDisabledText),
                device);
    }

    private static String truncate(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return b.length <= 128 ? s : new String(b, 0, 128, StandardCharsets.UTF_8).replaceAll("\uFFFD$", "");
    }

}
