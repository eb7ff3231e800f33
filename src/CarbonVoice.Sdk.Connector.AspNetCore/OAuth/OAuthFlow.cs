using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>The outcome of a callback: a connector id, or a refusal with a title and detail for the page.</summary>
internal sealed record OAuthCallbackResult(string? ConnectorId, int StatusCode, string? Title, string? Detail)
{
    /// <summary>A refusal shown on the callback page.</summary>
    public static OAuthCallbackResult Refused(int status, string title, string detail) => new(null, status, title, detail);
}

/// <summary>Starts authorizations (state + PKCE kept server-side) and completes them at the callback.</summary>
internal sealed class OAuthFlow(
    IOAuthClient oauth,
    ITokenStore tokens,
    IConnectorRepository connectors,
    IOAuthStateStore states,
    IOAuthRedirectUriResolver redirects,
    IOptions<CarbonVoiceConnectorEndpointsOptions> options,
    IDataProtectionProvider protection,
    TimeProvider time,
    ILogger<OAuthFlow> logger)
{
    /// <summary>The cookie that binds an authorization to the browser that started it (HttpOnly, SameSite=Lax).</summary>
    public const string BrowserCookieName = "cv_oauth_binding";

    /// <summary>A new random browser nonce (256 bits, base64url).</summary>
    public static string CreateBrowserNonce() => Pkce.CreateState();

    /// <summary>Whether a cookie value can be a nonce this host issued (length and alphabet only).</summary>
    public static bool IsWellFormedNonce(string? value)
        => value is { Length: >= 32 and <= 128 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private readonly IDataProtector _verifierProtector = protection.CreateProtector("CarbonVoice.Sdk.Connector.AspNetCore.OAuthVerifier.v1");

    /// <summary>Creates the authorization URL for a tenant's company.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="companyId">The company.</param>
    /// <param name="browserNonce">The nonce of the starting browser's binding cookie; the callback must present it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<(Uri Url, DateTimeOffset ExpiresAt)> StartAsync(string tenantId, string companyId, string browserNonce, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(browserNonce);
        var redirect = redirects.Resolve();
        var state = Pkce.CreateState();
        var request = await oauth.CreateAuthorizationRequestAsync(state, new AuthorizationRequestOptions { RedirectUri = redirect }, cancellationToken);
        var now = time.GetUtcNow();
        var expires = now + options.Value.OAuthStateLifetime;
        var verifier = request.CodeVerifier is null ? null : _verifierProtector.Protect(request.CodeVerifier);
        await states.SaveAsync(state, new OAuthStateRecord(tenantId, companyId, verifier, request.RedirectUri.ToString(), now, expires, OAuthStateRepository.Hash(browserNonce)), cancellationToken);
        return (request.Url, expires);
    }

    /// <summary>Completes an authorization.</summary>
    /// <param name="code">The authorization code.</param>
    /// <param name="state">The state.</param>
    /// <param name="error">The error Carbon Voice returned, if any.</param>
    /// <param name="browserNonce">The binding cookie's value, or null when the browser sent none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<OAuthCallbackResult> CompleteAsync(string? code, string? state, string? error, string? browserNonce, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(state) || state.Length > 512)
        {
            return OAuthCallbackResult.Refused(400, "Invalid authorization response", "The callback carries no valid state parameter.");
        }

        var (record, rejection) = await states.ConsumeAsync(state, time.GetUtcNow(), cancellationToken);
        switch (rejection)
        {
            case OAuthStateRejection.Unknown:
                return OAuthCallbackResult.Refused(400, "Unknown authorization state", "This authorization was not started here (the state is unknown or forged).");
            case OAuthStateRejection.AlreadyUsed:
                return OAuthCallbackResult.Refused(400, "Authorization already used", "This authorization response was already used; a state works only once.");
            case OAuthStateRejection.Expired:
                return OAuthCallbackResult.Refused(400, "Authorization expired", $"The authorization took longer than {options.Value.OAuthStateLifetime.TotalMinutes:0} minutes to complete.");
        }

        // The state is spent either way: an authorization link opened in another browser can never connect anything.
        if (!IsBoundTo(record!, browserNonce))
        {
            logger.OAuthBrowserMismatch(record!.TenantId);
            return OAuthCallbackResult.Refused(400, "Authorization started elsewhere", "This authorization was started in another browser (or its cookie is missing); start it again from the connectors page in this browser.");
        }

        if (!string.IsNullOrEmpty(error))
        {
            return OAuthCallbackResult.Refused(400, "Authorization denied", error == "access_denied" ? "Access was denied at Carbon Voice." : $"Carbon Voice answered '{error}'.");
        }

        if (string.IsNullOrEmpty(code))
        {
            return OAuthCallbackResult.Refused(400, "Invalid authorization response", "The callback carries no authorization code.");
        }

        CarbonVoiceToken token;
        UserInfo user;
        try
        {
            var verifier = record!.ProtectedCodeVerifier is null ? null : _verifierProtector.Unprotect(record.ProtectedCodeVerifier);
            token = await oauth.ExchangeCodeAsync(code, verifier, new Uri(record.RedirectUri), cancellationToken);
            user = await oauth.GetUserInfoAsync(token.AccessToken, cancellationToken);
        }
        catch (CarbonVoiceAuthenticationException)
        {
            return OAuthCallbackResult.Refused(400, "Authorization code refused", "Carbon Voice refused the authorization code (expired or already used).");
        }
        catch (CarbonVoiceException exception)
        {
            logger.CodeExchangeFailed(exception.StatusCode, exception.GetType().Name);
            return OAuthCallbackResult.Refused(502, "Carbon Voice unavailable", "Carbon Voice could not complete the authorization; try again.");
        }

        var connectorId = await UpsertConnectorAsync(record, user, cancellationToken);
        await tokens.SetAsync(connectorId, token, cancellationToken);
        await connectors.MarkConnectedAsync(connectorId, user.Sub, user.Email, AccountName(user), cancellationToken);
        logger.ConnectorConnected(connectorId, record.TenantId);
        return new OAuthCallbackResult(connectorId, 200, null, null);
    }

    private static bool IsBoundTo(OAuthStateRecord record, string? browserNonce)
    {
        if (record.BrowserBindingHash is not { } expected || !IsWellFormedNonce(browserNonce))
        {
            return false;
        }

        var actual = OAuthStateRepository.Hash(browserNonce!);
        return System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(actual), System.Text.Encoding.ASCII.GetBytes(expected));
    }

    private async Task<string> UpsertConnectorAsync(OAuthStateRecord record, UserInfo user, CancellationToken cancellationToken)
    {
        if (user.Sub is { } sub && await connectors.FindByExternalUserAsync(record.TenantId, record.CompanyId, sub, cancellationToken) is { } existing)
        {
            return existing.Id; // re-authorizing the same account revives its connector (expired/disconnected → connected)
        }

        var id = ConnectorRecord.NewId();
        await connectors.InsertAsync(
            new ConnectorRecord
            {
                Id = id,
                TenantId = record.TenantId,
                CompanyId = record.CompanyId,
                Name = $"Carbon Voice – {AccountName(user)}",
                Status = ConnectorStatuses.Connected,
                ExternalUserId = user.Sub,
                ExternalUserEmail = user.Email,
                ExternalCompanyId = user.Sub,
                ExternalCompanyName = AccountName(user),
                EnabledEntities = [.. CarbonVoiceEntities.All.Where(e => e.DefaultEnabled).Select(e => e.Key)],
            },
            cancellationToken);
        return id;
    }

    private static string AccountName(UserInfo user)
        => !string.IsNullOrWhiteSpace(user.Name) ? user.Name : user.Email ?? user.Sub ?? "Carbon Voice account";
}
