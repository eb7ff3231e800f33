namespace CarbonVoice.Sdk.Tests.Support;

/// <summary>An <see cref="ITokenStore"/> decorator that counts reads and writes.</summary>
internal sealed class CountingTokenStore(ITokenStore inner) : ITokenStore
{
    private int _reads;
    private int _writes;

    public int Reads => Volatile.Read(ref _reads);

    public int Writes => Volatile.Read(ref _writes);

    public Task<CarbonVoiceToken?> GetAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _reads);
        return inner.GetAsync(connectionId, cancellationToken);
    }

    public Task SetAsync(string connectionId, CarbonVoiceToken token, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _writes);
        return inner.SetAsync(connectionId, token, cancellationToken);
    }

    public Task<bool> TrySetAsync(string connectionId, CarbonVoiceToken token, string? expectedVersion, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _writes);
        return inner.TrySetAsync(connectionId, token, expectedVersion, cancellationToken);
    }

    public Task RemoveAsync(string connectionId, CancellationToken cancellationToken = default) => inner.RemoveAsync(connectionId, cancellationToken);
}
