namespace CarbonVoice.Sdk;

/// <summary>Operations built on the compare-and-swap of <see cref="ITokenStore"/>.</summary>
public static class TokenStoreExtensions
{
    /// <summary>
    /// Marks the stored access token of a connection as expired (for example on an <c>access_token.expired</c>
    /// webhook), so that the SDK refreshes it before the next call. The write is conditional on the version read:
    /// when another writer stored a token meanwhile (a refresh, a new authorization), that newer token is kept as it
    /// is, never replaced by the older one with its rotated-away refresh token.
    /// </summary>
    /// <param name="store">The token store.</param>
    /// <param name="connectionId">The connection id.</param>
    /// <param name="now">The current time (the new expiry).</param>
    /// <param name="cancellationToken">Cancels the read and the write.</param>
    /// <returns>True when the stored token is now marked expired (or already was); false when none is stored or a newer token replaced it meanwhile.</returns>
    public static async Task<bool> TryExpireAccessTokenAsync(this ITokenStore store, string connectionId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(connectionId);
        var token = await store.GetAsync(connectionId, cancellationToken).ConfigureAwait(false);
        if (token is null)
        {
            return false;
        }

        if (token.ExpiresAt is { } expiry && expiry <= now)
        {
            return true;
        }

        return await store.TrySetAsync(connectionId, token with { ExpiresAt = now }, token.Version, cancellationToken).ConfigureAwait(false);
    }
}
