using System.Collections.Concurrent;

namespace CarbonVoice.Sdk.Internal;

/// <summary>Holds the latest rate-limit values per connection; shared by every client of a process so that concurrent syncs see one state.</summary>
internal sealed class RateLimitTracker : IRateLimitState
{
    private readonly ConcurrentDictionary<string, RateLimitInfo> _latest = new(StringComparer.Ordinal);

    public RateLimitInfo? Get(string connectionId) => _latest.TryGetValue(connectionId, out var info) ? info : null;

    public void Record(string connectionId, RateLimitInfo info)
        => _latest.AddOrUpdate(connectionId, info, (_, previous) => info.ObservedAt >= previous.ObservedAt ? info : previous);
}
