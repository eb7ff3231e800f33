namespace CarbonVoice.Sdk;

/// <summary>An <see cref="IAccessTokenProvider"/> with one fixed token: a personal access token (<c>cv_pat_…</c>) or a token obtained elsewhere. It cannot refresh.</summary>
public sealed class StaticAccessTokenProvider : IAccessTokenProvider
{
    private readonly string _accessToken;

    /// <summary>Creates the provider.</summary>
    /// <param name="accessToken">The bearer token.</param>
    public StaticAccessTokenProvider(string accessToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessToken);
        _accessToken = accessToken;
    }

    /// <inheritdoc />
    public ValueTask<string> GetAccessTokenAsync(string connectionId, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(_accessToken);

    /// <inheritdoc />
    public ValueTask<string> RefreshAccessTokenAsync(string connectionId, string rejectedAccessToken, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(_accessToken);
}
