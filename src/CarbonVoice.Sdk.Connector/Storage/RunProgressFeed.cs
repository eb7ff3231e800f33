namespace CarbonVoice.Sdk.Connector;

/// <summary>
/// Reads an <see cref="IRunProgressStore"/> so that each entry is returned once although sequences have gaps and concurrent
/// writers make a lower sequence visible after a higher one: the feed keeps its position below the first missing sequence
/// (remembering what it already returned above it) until that sequence shows up or has been missing for
/// <see cref="GapTimeout"/> (a rolled-back write), then moves past it. Not thread-safe: one reader loop per feed.
/// </summary>
public sealed class RunProgressFeed
{
    private readonly IRunProgressStore _store;
    private readonly TimeProvider _time;
    private readonly HashSet<long> _returned = [];
    private long _position;
    private DateTimeOffset? _gapSince;

    /// <summary>Creates a feed that starts after <paramref name="startAfter"/>.</summary>
    /// <param name="store">The store.</param>
    /// <param name="startAfter">The sequence to start after (for example <see cref="IRunProgressStore.GetLastSequenceAsync"/>).</param>
    /// <param name="timeProvider">The clock of the gap timeout.</param>
    public RunProgressFeed(IRunProgressStore store, long startAfter = 0, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _position = startAfter;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>How long a missing sequence is waited for. 10 seconds by default.</summary>
    public TimeSpan GapTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The sequence below which every entry has been returned.</summary>
    public long Position => _position;

    /// <summary>Reads the entries not returned yet, in sequence order.</summary>
    /// <param name="limit">The most entries to read from the store per call.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<IReadOnlyList<RunProgressEntry>> ReadAsync(int limit = 500, CancellationToken cancellationToken = default)
    {
        var entries = await _store.ReadAfterAsync(_position, limit, cancellationToken).ConfigureAwait(false);
        var fresh = new List<RunProgressEntry>(entries.Count);
        var expected = _position + 1;
        var contiguous = true;
        foreach (var entry in entries)
        {
            if (_returned.Add(entry.Sequence))
            {
                fresh.Add(entry);
            }

            if (contiguous && entry.Sequence == expected)
            {
                expected++;
                continue;
            }

            if (contiguous)
            {
                // A gap before this entry: wait for it a while, then give it up.
                var now = _time.GetUtcNow();
                _gapSince ??= now;
                if (now - _gapSince.Value >= GapTimeout)
                {
                    expected = entry.Sequence + 1;
                    _gapSince = null;
                    continue;
                }

                contiguous = false;
            }
        }

        if (expected - 1 > _position)
        {
            _position = expected - 1;
            _returned.RemoveWhere(s => s <= _position);
            if (contiguous)
            {
                _gapSince = null;
            }
        }

        return fresh;
    }
}
