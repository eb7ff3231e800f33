using System.Collections.Concurrent;

namespace CarbonVoice.Sdk;

/// <summary>An <see cref="ITokenStore"/> in process memory: for tests, scripts and single-instance hosts.</summary>
public sealed class InMemoryTokenStore : ITokenStore
{
    private readonly ConcurrentDictionary<string, CarbonVoiceToken> _tokens = new(StringComparer.Ordinal);

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
        _tokens[connectionId] = token;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RemoveAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        cancellationToken.ThrowIfCancellationRequested();
        _tokens.TryRemove(connectionId, out _);
        return Task.CompletedTask;
    }
}
