using System.Collections.Concurrent;

namespace CarbonVoice.Sdk.Internal;

/// <summary>
/// Holds the latest rate-limit values per connection, and paces each connection's requests (<see cref="RateLimitPacer"/>);
/// shared by every client of a process so that concurrent syncs see one state and share one budget.
/// </summary>
internal sealed class RateLimitTracker : IRateLimitState
{
    private readonly ConcurrentDictionary<string, RateLimitInfo> _latest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RateLimitPacer> _pacers = new(StringComparer.Ordinal);

    public RateLimitInfo? Get(string connectionId) => _latest.TryGetValue(connectionId, out var info) ? info : null;

    public void Record(string connectionId, RateLimitInfo info)
        => _latest.AddOrUpdate(connectionId, info, (_, previous) => info.ObservedAt >= previous.ObservedAt ? info : previous);

    /// <summary>The pacer of a connection's requests.</summary>
    public RateLimitPacer Pacer(string connectionId) => _pacers.GetOrAdd(connectionId, static _ => new RateLimitPacer());
}
