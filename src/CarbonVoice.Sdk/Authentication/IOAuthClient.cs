namespace CarbonVoice.Sdk;

/// <summary>The OAuth 2.0 endpoints of Carbon Voice: authorization URL, code exchange, refresh, revocation, userinfo and server metadata.</summary>
public interface IOAuthClient
{
    /// <summary>Reads the authorization server metadata (<c>GET /.well-known/oauth-authorization-server</c>), cached for <see cref="CarbonVoiceOptions.MetadataCacheDuration"/>. When the server has none, the default endpoints are returned.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<AuthorizationServerMetadata> GetServerMetadataAsync(CancellationToken cancellationToken = default);

    /// <summary>Builds the <c>GET /oauth/authorize</c> URL with <c>state</c> and, by default, a PKCE S256 challenge.</summary>
    /// <param name="state">The CSRF state to bind to the user's session; required. <see cref="Pkce.CreateState"/> makes one.</param>
    /// <param name="options">Per-request overrides.</param>
    /// <param name="cancellationToken">Cancels the metadata look-up.</param>
    Task<AuthorizationRequest> CreateAuthorizationRequestAsync(string state, AuthorizationRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Exchanges an authorization code for tokens (<c>POST /oauth/token</c>, <c>grant_type=authorization_code</c>). Never retried: a code is single use.</summary>
    /// <param name="code">The code from the callback.</param>
    /// <param name="codeVerifier">The PKCE verifier of the request, or null when PKCE was off.</param>
    /// <param name="redirectUri">The redirect URI used in the request; defaults to <see cref="CarbonVoiceOptions.RedirectUri"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="CarbonVoiceTokenExpiredException">The code was refused (<c>invalid_grant</c>).</exception>
    Task<CarbonVoiceToken> ExchangeCodeAsync(string code, string? codeVerifier, Uri? redirectUri = null, CancellationToken cancellationToken = default);

    /// <summary>Refreshes tokens (<c>POST /oauth/token</c>, <c>grant_type=refresh_token</c>). The result may lack a refresh token; <see cref="StoredTokenProvider"/> then keeps the old one.</summary>
    /// <param name="refreshToken">The refresh token.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="CarbonVoiceTokenExpiredException">The refresh token was refused (<c>invalid_grant</c>).</exception>
    Task<CarbonVoiceToken> RefreshTokenAsync(string refreshToken, CancellationToken cancellationToken = default);

    /// <summary>Revokes a token (<c>POST /oauth/revoke</c>, RFC 7009).</summary>
    /// <param name="token">The access or refresh token.</param>
    /// <param name="tokenTypeHint"><c>access_token</c> or <c>refresh_token</c>, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task RevokeTokenAsync(string token, string? tokenTypeHint = null, CancellationToken cancellationToken = default);

    /// <summary>Reads the profile of the token's user (<c>GET /oauth/userinfo</c>).</summary>
    /// <param name="accessToken">The access token.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<UserInfo> GetUserInfoAsync(string accessToken, CancellationToken cancellationToken = default);
}
