namespace CarbonVoice.Sdk.EndToEnd.Tests.Support;

/// <summary>
/// Holds every refresh until <paramref name="parties"/> refreshes have arrived (shared by the OAuth clients of
/// several "processes"), so that they all send the same refresh token to the server.
/// </summary>
internal sealed class RefreshBarrier(int parties)
{
    private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    /// <summary>When set, a refused refresh is reported only once this task ends (e.g. once the winner's token is stored).</summary>
    public Task? RefusalsWaitFor { get; init; }

    public Task ArriveAsync()
    {
        if (Interlocked.Increment(ref _arrived) == parties)
        {
            _all.TrySetResult();
        }

        return _all.Task;
    }
}

/// <summary>An <see cref="IOAuthClient"/> whose refreshes wait at a <see cref="RefreshBarrier"/>.</summary>
internal sealed class BarrierOAuthClient(IOAuthClient inner, RefreshBarrier barrier) : IOAuthClient
{
    public Task<AuthorizationServerMetadata> GetServerMetadataAsync(CancellationToken cancellationToken = default) => inner.GetServerMetadataAsync(cancellationToken);

    public Task<AuthorizationRequest> CreateAuthorizationRequestAsync(string state, AuthorizationRequestOptions? options = null, CancellationToken cancellationToken = default)
        => inner.CreateAuthorizationRequestAsync(state, options, cancellationToken);

    public Task<CarbonVoiceToken> ExchangeCodeAsync(string code, string? codeVerifier, Uri? redirectUri = null, CancellationToken cancellationToken = default)
        => inner.ExchangeCodeAsync(code, codeVerifier, redirectUri, cancellationToken);

    public async Task<CarbonVoiceToken> RefreshTokenAsync(string refreshToken, CancellationToken cancellationToken = default)
    {
        await barrier.ArriveAsync().WaitAsync(cancellationToken);
        try
        {
            return await inner.RefreshTokenAsync(refreshToken, cancellationToken);
        }
        catch (CarbonVoiceException) when (barrier.RefusalsWaitFor is { } wait)
        {
            await wait.WaitAsync(cancellationToken);
            throw;
        }
    }

    public Task RevokeTokenAsync(string token, string? tokenTypeHint = null, CancellationToken cancellationToken = default) => inner.RevokeTokenAsync(token, tokenTypeHint, cancellationToken);

    public Task<UserInfo> GetUserInfoAsync(string accessToken, CancellationToken cancellationToken = default) => inner.GetUserInfoAsync(accessToken, cancellationToken);
}
