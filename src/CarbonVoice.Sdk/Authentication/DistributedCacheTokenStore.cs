using System.Text.Json;
using CarbonVoice.Sdk.Internal;
using Microsoft.Extensions.Caching.Distributed;

namespace CarbonVoice.Sdk;

/// <summary>
/// An <see cref="ITokenStore"/> over <see cref="IDistributedCache"/> (Redis, SQL Server, …) so that every
/// instance of a host shares one token per connection. Entries are kept until the refresh token is removed;
/// encrypt the cache at rest if it is shared with other applications.
/// </summary>
public sealed class DistributedCacheTokenStore : ITokenStore
{
    private readonly IDistributedCache _cache;
    private readonly string _keyPrefix;

    /// <summary>Creates the store.</summary>
    /// <param name="cache">The distributed cache.</param>
    /// <param name="keyPrefix">Prefix of the cache keys; default <c>carbonvoice:token:</c>.</param>
    public DistributedCacheTokenStore(IDistributedCache cache, string keyPrefix = "carbonvoice:token:")
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(keyPrefix);
        _cache = cache;
        _keyPrefix = keyPrefix;
    }

    /// <inheritdoc />
    public async Task<CarbonVoiceToken?> GetAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        var bytes = await _cache.GetAsync(_keyPrefix + connectionId, cancellationToken).ConfigureAwait(false);
        if (bytes is null || bytes.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, CarbonVoiceJsonContext.Default.CarbonVoiceToken);
        }
        catch (JsonException exception)
        {
            throw new CarbonVoiceException($"The stored token of connection '{connectionId}' is not readable; store a new one.", exception);
        }
    }

    /// <inheritdoc />
    public Task SetAsync(string connectionId, CarbonVoiceToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        ArgumentNullException.ThrowIfNull(token);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(token, CarbonVoiceJsonContext.Default.CarbonVoiceToken);
        return _cache.SetAsync(_keyPrefix + connectionId, bytes, new DistributedCacheEntryOptions(), cancellationToken);
    }

    /// <inheritdoc />
    public Task RemoveAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        return _cache.RemoveAsync(_keyPrefix + connectionId, cancellationToken);
    }
}
