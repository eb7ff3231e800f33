using System.Security.Cryptography;
using System.Text.Json;
using CarbonVoice.Sdk.Internal;
using Microsoft.Extensions.Caching.Distributed;

namespace CarbonVoice.Sdk;

/// <summary>
/// An <see cref="ITokenStore"/> over <see cref="IDistributedCache"/> (Redis, SQL Server, …) so that every instance of a
/// host shares one token per connection. Entries are encrypted with an <see cref="ITokenProtector"/> (ASP.NET Core Data
/// Protection through <c>CarbonVoice.Sdk.DataProtection</c>, or your own) and kept until they are removed.
/// </summary>
/// <remarks>
/// <see cref="IDistributedCache"/> has no conditional write, so <see cref="TrySetAsync"/> is a compare-and-swap
/// <b>within this process</b>: a per-connection lock around "read the stored version, compare, write". Writers in one
/// process (the SDK's refreshes, a webhook that marks a token expired) can therefore never put an older token back.
/// Across processes two writes can still interleave (last writer wins); the SDK covers the case that matters with
/// several workers, two refreshes of one connection, by re-reading the store when the server refuses a refresh token
/// (<see cref="StoredTokenProvider"/>). When several processes also write tokens for other reasons, prefer a store with
/// a real conditional write (a database row version, Redis <c>WATCH</c>/Lua) implementing <see cref="ITokenStore"/>.
/// </remarks>
public sealed class DistributedCacheTokenStore : ITokenStore
{
    private readonly IDistributedCache _cache;
    private readonly ITokenProtector _protector;
    private readonly string _keyPrefix;
    private readonly KeyedLock _locks = new();

    /// <summary>Creates the store.</summary>
    /// <param name="cache">The distributed cache.</param>
    /// <param name="protector">Encrypts the entries; <see cref="UnprotectedTokenProtector.Instance"/> stores clear text (only when the cache is encrypted otherwise).</param>
    /// <param name="keyPrefix">Prefix of the cache keys; default <c>carbonvoice:token:</c>.</param>
    public DistributedCacheTokenStore(IDistributedCache cache, ITokenProtector protector, string keyPrefix = "carbonvoice:token:")
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(protector);
        ArgumentNullException.ThrowIfNull(keyPrefix);
        _cache = cache;
        _protector = protector;
        _keyPrefix = keyPrefix;
    }

    /// <summary>How many connections have a write lock right now (held or waited for); for tests.</summary>
    internal int LockCount => _locks.Count;

    /// <inheritdoc />
    public async Task<CarbonVoiceToken?> GetAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        var bytes = await _cache.GetAsync(_keyPrefix + connectionId, cancellationToken).ConfigureAwait(false);
        return bytes is null || bytes.Length == 0 ? null : Read(connectionId, bytes);
    }

    /// <inheritdoc />
    public async Task SetAsync(string connectionId, CarbonVoiceToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        ArgumentNullException.ThrowIfNull(token);
        using var held = await _locks.AcquireAsync(connectionId, cancellationToken).ConfigureAwait(false);
        await WriteAsync(connectionId, token, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> TrySetAsync(string connectionId, CarbonVoiceToken token, string? expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        ArgumentNullException.ThrowIfNull(token);
        using var held = await _locks.AcquireAsync(connectionId, cancellationToken).ConfigureAwait(false);
        var current = await GetAsync(connectionId, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(current?.Version, expectedVersion, StringComparison.Ordinal) || (current is not null && expectedVersion is null))
        {
            return false;
        }

        await WriteAsync(connectionId, token, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public async Task RemoveAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        using var held = await _locks.AcquireAsync(connectionId, cancellationToken).ConfigureAwait(false);
        await _cache.RemoveAsync(_keyPrefix + connectionId, cancellationToken).ConfigureAwait(false);
    }

    private Task WriteAsync(string connectionId, CarbonVoiceToken token, CancellationToken cancellationToken)
    {
        var versioned = token with { Version = Guid.NewGuid().ToString("N") };
        var json = JsonSerializer.SerializeToUtf8Bytes(versioned, CarbonVoiceJsonContext.Default.CarbonVoiceToken);
        return _cache.SetAsync(_keyPrefix + connectionId, _protector.Protect(json), new DistributedCacheEntryOptions(), cancellationToken);
    }

    private CarbonVoiceToken Read(string connectionId, byte[] bytes)
    {
        byte[] json;
        try
        {
            json = _protector.Unprotect(bytes);
        }
        catch (CryptographicException exception)
        {
            // Entries written before tokens were encrypted are plain JSON objects: read them, the next write encrypts them.
            if (bytes[0] != (byte)'{')
            {
                throw new CarbonVoiceException($"The stored token of connection '{connectionId}' is not readable with the configured ITokenProtector (another key ring, or altered); store a new one.", exception);
            }

            json = bytes;
        }

        try
        {
            var token = JsonSerializer.Deserialize(json, CarbonVoiceJsonContext.Default.CarbonVoiceToken)
                ?? throw new JsonException("null");

            // An entry written without a version (before versions existed) gets one derived from its bytes.
            return token.Version is null ? token with { Version = "h" + Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 16)) } : token;
        }
        catch (JsonException exception)
        {
            throw new CarbonVoiceException($"The stored token of connection '{connectionId}' is not readable; store a new one.", exception);
        }
    }
}
