namespace CarbonVoice.Sdk.Connector.Tests.Support;

/// <summary>Hands out one access token; a refresh fails as a revoked refresh token does.</summary>
public sealed class ExpiringTokenProvider(string accessToken) : IAccessTokenProvider
{
    public int Refreshes { get; private set; }

    public ValueTask<string> GetAccessTokenAsync(string connectionId, CancellationToken cancellationToken = default) => ValueTask.FromResult(accessToken);

    public ValueTask<string> RefreshAccessTokenAsync(string connectionId, string rejectedAccessToken, CancellationToken cancellationToken = default)
    {
        Refreshes++;
        throw new CarbonVoiceTokenExpiredException("invalid_grant: the refresh token was revoked", connectionId);
    }
}
