namespace CarbonVoice.Sdk.EndToEnd.Tests.Support;

/// <summary>A token store that is down (every call throws) until a point in fake time, then passes calls through.</summary>
internal sealed class OutageTokenStore(ITokenStore inner, TimeProvider time) : ITokenStore
{
    private int _failures;

    /// <summary>Calls before this instant throw.</summary>
    public DateTimeOffset DownUntil { get; set; } = DateTimeOffset.MinValue;

    /// <summary>When set, the next write starts an outage of this length (a store that fails in the middle of a refresh).</summary>
    public TimeSpan? OutageOnNextWrite { get; set; }

    public int Failures => Volatile.Read(ref _failures);

    public Task<CarbonVoiceToken?> GetAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        ThrowIfDown();
        return inner.GetAsync(connectionId, cancellationToken);
    }

    public Task SetAsync(string connectionId, CarbonVoiceToken token, CancellationToken cancellationToken = default)
    {
        StartPlannedOutage();
        ThrowIfDown();
        return inner.SetAsync(connectionId, token, cancellationToken);
    }

    public Task<bool> TrySetAsync(string connectionId, CarbonVoiceToken token, string? expectedVersion, CancellationToken cancellationToken = default)
    {
        StartPlannedOutage();
        ThrowIfDown();
        return inner.TrySetAsync(connectionId, token, expectedVersion, cancellationToken);
    }

    public Task RemoveAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        ThrowIfDown();
        return inner.RemoveAsync(connectionId, cancellationToken);
    }

    private void StartPlannedOutage()
    {
        if (OutageOnNextWrite is { } length)
        {
            OutageOnNextWrite = null;
            DownUntil = time.GetUtcNow() + length;
        }
    }

    private void ThrowIfDown()
    {
        if (time.GetUtcNow() < DownUntil)
        {
            Interlocked.Increment(ref _failures);
            throw new IOException("The token store is unreachable.");
        }
    }
}
