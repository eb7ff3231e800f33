using System.Collections.Concurrent;
using System.Globalization;

namespace CarbonVoice.Sdk;

/// <summary>
/// An <see cref="ITokenStore"/> in process memory: for tests, scripts and single-instance hosts. Nothing is written
/// to disk, so nothing is encrypted; <see cref="TrySetAsync"/> is an atomic compare-and-swap.
/// </summary>
public sealed class InMemoryTokenStore : ITokenStore
{
    private readonly ConcurrentDictionary<string, CarbonVoiceToken> _tokens = new(StringComparer.Ordinal);
    private long _lastVersion;

    /// <inheritdoc />
    public Task<CarbonVoiceToken?> GetAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_tokens.TryGetValue(connectionId, out var token) ? token : null);
    }

    /// <inheritdoc />
    public Task SetAsync(string connectionId, CarbonVoiceToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        ArgumentNullException.ThrowIfNull(token);
        cancellationToken.ThrowIfCancellationRequested();
        _tokens[connectionId] = Versioned(token);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> TrySetAsync(string connectionId, CarbonVoiceToken token, string? expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        ArgumentNullException.ThrowIfNull(token);
        cancellationToken.ThrowIfCancellationRequested();
        if (expectedVersion is null)
        {
            return Task.FromResult(_tokens.TryAdd(connectionId, Versioned(token)));
        }

        // Versions are unique, so comparing the whole record compares the versions.
        return Task.FromResult(
            _tokens.TryGetValue(connectionId, out var current)
            && string.Equals(current.Version, expectedVersion, StringComparison.Ordinal)
            && _tokens.TryUpdate(connectionId, Versioned(token), current));
    }

    /// <inheritdoc />
    public Task RemoveAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        cancellationToken.ThrowIfCancellationRequested();
        _tokens.TryRemove(connectionId, out _);
        return Task.CompletedTask;
    }

    private CarbonVoiceToken Versioned(CarbonVoiceToken token)
        => token with { Version = Interlocked.Increment(ref _lastVersion).ToString(CultureInfo.InvariantCulture) };
}
