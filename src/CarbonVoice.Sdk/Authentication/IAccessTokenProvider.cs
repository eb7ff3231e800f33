namespace CarbonVoice.Sdk;

/// <summary>Supplies the bearer token of a connection to the SDK's authentication handler.</summary>
public interface IAccessTokenProvider
{
    /// <summary>Returns a usable access token for the connection, refreshing it first when it is about to expire.</summary>
    /// <param name="connectionId">The connection id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="CarbonVoiceAuthenticationException">No token is available.</exception>
    /// <exception cref="CarbonVoiceTokenExpiredException">The token cannot be refreshed any more.</exception>
    ValueTask<string> GetAccessTokenAsync(string connectionId, CancellationToken cancellationToken = default);

    /// <summary>Called after the service rejected <paramref name="rejectedAccessToken"/> with 401: returns a new token, or the same one when no new token can be had.</summary>
    /// <param name="connectionId">The connection id.</param>
    /// <param name="rejectedAccessToken">The token the service rejected.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<string> RefreshAccessTokenAsync(string connectionId, string rejectedAccessToken, CancellationToken cancellationToken = default);
}
