package dev.tokend.sdk.json;

import dev.tokend.sdk.model.AllowListTarget;
import dev.tokend.sdk.model.ApiKey;
import dev.tokend.sdk.model.ApiKeyWithOwner;
import dev.tokend.sdk.model.AuditDiffField;
import dev.tokend.sdk.model.AuditLog;
import dev.tokend.sdk.model.AuditLogResponse;
import dev.tokend.sdk.model.AuthMethods;
import dev.tokend.sdk.model.AuthorizationRequest;
import dev.tokend.sdk.model.BuildInfo;
import dev.tokend.sdk.model.CreateFirstUserRequest;
import dev.tokend.sdk.model.CreateFirstUserResponse;
import dev.tokend.sdk.model.CreateTokenRequest;
import dev.tokend.sdk.model.CreateUserRequest;
import dev.tokend.sdk.model.GenerateApiKeyResponse;
import dev.tokend.sdk.model.GetUsersResponse;
import dev.tokend.sdk.model.LoginWithPasswordRequest;
import dev.tokend.sdk.model.LoginWithPasswordResponse;
import dev.tokend.sdk.model.OAuth2ErrorResponse;
import dev.tokend.sdk.model.OAuth2ProviderApp;
import dev.tokend.sdk.model.OAuth2ProviderAppSecret;
import dev.tokend.sdk.model.OAuth2ProviderAppSecretFull;
import dev.tokend.sdk.model.PostOAuth2ProviderAppRequest;
import dev.tokend.sdk.model.PutOAuth2ProviderAppRequest;
import dev.tokend.sdk.model.Response;
import dev.tokend.sdk.model.ScopeCatalog;
import dev.tokend.sdk.model.SlimRole;
import dev.tokend.sdk.model.TokenConfig;
import dev.tokend.sdk.model.UpdateRoles;
import dev.tokend.sdk.model.UpdateTokenRequest;
import dev.tokend.sdk.model.UpdateUserPasswordRequest;
import dev.tokend.sdk.model.User;
import dev.tokend.sdk.model.ValidatePasswordRequest;
import dev.tokend.sdk.model.ValidatePasswordResponse;
import dev.tokend.sdk.model.ValidationError;
import java.util.Map;

/** The codec of each record of {@code dev.tokend.sdk.model}, for the tests that compare them with databind. */
record Codecs<T>(Decoder<T> decoder, Encoder<T> encoder) {
    static final Map<Class<?>, Codecs<?>> BY_RECORD = Map.ofEntries(
            Map.entry(AllowListTarget.class, of(ApiKeyJson::readAllowListTarget, ApiKeyJson::write)),
            Map.entry(ApiKey.class, of(ApiKeyJson::readApiKey, ApiKeyJson::write)),
            Map.entry(ApiKeyWithOwner.class, of(ApiKeyJson::readApiKeyWithOwner, ApiKeyJson::write)),
            Map.entry(AuditDiffField.class, of(AuditJson::readDiffField, AuditJson::write)),
            Map.entry(AuditLog.class, of(AuditJson::readAuditLog, AuditJson::write)),
            Map.entry(AuditLogResponse.class, of(AuditJson::readAuditLogResponse, AuditJson::write)),
            Map.entry(AuthMethods.class, of(LoginJson::readAuthMethods, LoginJson::write)),
            Map.entry(AuthMethods.Password.class, of(LoginJson::readPassword, LoginJson::write)),
            Map.entry(AuthMethods.Github.class, of(LoginJson::readGithub, LoginJson::write)),
            Map.entry(AuthMethods.Oidc.class, of(LoginJson::readOidc, LoginJson::write)),
            Map.entry(AuthorizationRequest.class,
                    of(AuthorizationJson::readAuthorizationRequest, AuthorizationJson::write)),
            Map.entry(AuthorizationRequest.Check.class, of(AuthorizationJson::readCheck, AuthorizationJson::write)),
            Map.entry(AuthorizationRequest.AuthObject.class,
                    of(AuthorizationJson::readAuthObject, AuthorizationJson::write)),
            Map.entry(BuildInfo.class, of(CommonJson::readBuildInfo, CommonJson::write)),
            Map.entry(CreateFirstUserRequest.class, of(LoginJson::readCreateFirstUserRequest, LoginJson::write)),
            Map.entry(CreateFirstUserResponse.class, of(LoginJson::readCreateFirstUserResponse, LoginJson::write)),
            Map.entry(CreateTokenRequest.class, of(ApiKeyJson::readCreateTokenRequest, ApiKeyJson::write)),
            Map.entry(CreateUserRequest.class, of(UserJson::readCreateUserRequest, UserJson::write)),
            Map.entry(GenerateApiKeyResponse.class, of(ApiKeyJson::readGenerateApiKeyResponse, ApiKeyJson::write)),
            Map.entry(GetUsersResponse.class, of(UserJson::readGetUsersResponse, UserJson::write)),
            Map.entry(LoginWithPasswordRequest.class, of(LoginJson::readLoginWithPasswordRequest, LoginJson::write)),
            Map.entry(LoginWithPasswordResponse.class,
                    of(LoginJson::readLoginWithPasswordResponse, LoginJson::write)),
            Map.entry(OAuth2ErrorResponse.class, of(OAuth2Json::readErrorResponse, OAuth2Json::write)),
            Map.entry(OAuth2ProviderApp.class, of(OAuth2Json::readApp, OAuth2Json::write)),
            Map.entry(OAuth2ProviderApp.Endpoints.class, of(OAuth2Json::readEndpoints, OAuth2Json::write)),
            Map.entry(OAuth2ProviderAppSecret.class, of(OAuth2Json::readSecret, OAuth2Json::write)),
            Map.entry(OAuth2ProviderAppSecretFull.class, of(OAuth2Json::readSecretFull, OAuth2Json::write)),
            Map.entry(PostOAuth2ProviderAppRequest.class, of(OAuth2Json::readPostAppRequest, OAuth2Json::write)),
            Map.entry(PutOAuth2ProviderAppRequest.class, of(OAuth2Json::readPutAppRequest, OAuth2Json::write)),
            Map.entry(Response.class, of(CommonJson::readResponse, CommonJson::write)),
            Map.entry(ScopeCatalog.class, of(AuthorizationJson::readScopeCatalog, AuthorizationJson::write)),
            Map.entry(SlimRole.class, of(UserJson::readSlimRole, UserJson::write)),
            Map.entry(TokenConfig.class, of(ApiKeyJson::readTokenConfig, ApiKeyJson::write)),
            Map.entry(UpdateRoles.class, of(UserJson::readUpdateRoles, UserJson::write)),
            Map.entry(UpdateTokenRequest.class, of(ApiKeyJson::readUpdateTokenRequest, ApiKeyJson::write)),
            Map.entry(UpdateUserPasswordRequest.class,
                    of(UserJson::readUpdateUserPasswordRequest, UserJson::write)),
            Map.entry(User.class, of(UserJson::readUser, UserJson::write)),
            Map.entry(ValidatePasswordRequest.class, of(UserJson::readValidatePasswordRequest, UserJson::write)),
            Map.entry(ValidatePasswordResponse.class, of(UserJson::readValidatePasswordResponse, UserJson::write)),
            Map.entry(ValidationError.class, of(CommonJson::readValidationError, CommonJson::write)));

    private static <T> Codecs<T> of(Decoder<T> decoder, Encoder<T> encoder) {
        return new Codecs<>(decoder, encoder);
    }

    /** The codec of {@code type}, typed; fails for a record without one. */
    @SuppressWarnings("unchecked")
    static <T> Codecs<T> of(Class<T> type) {
        Codecs<?> codecs = BY_RECORD.get(type);
        if (codecs == null) {
            throw new AssertionError("no codec for " + type.getName() + " in Codecs.BY_RECORD");
        }
        return (Codecs<T>) codecs;
    }
}
