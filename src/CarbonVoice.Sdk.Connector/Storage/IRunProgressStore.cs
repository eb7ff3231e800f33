namespace CarbonVoice.Sdk.Connector;

/// <summary>
/// Progress of runs on other machines: workers append entries, hosts read the ones after the last they saw and relay them.
/// Best effort by design (an entry may be read twice or, across a crash, never): the run record in the
/// <see cref="ISyncStateStore"/> stays the truth. Implementations: <see cref="InMemoryRunProgressStore"/>, the PostgreSQL store.
/// </summary>
public interface IRunProgressStore
{
    /// <summary>Appends an entry; the store assigns its <see cref="RunProgressEntry.Sequence"/>.</summary>
    /// <param name="entry">The entry.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task AppendAsync(RunProgressEntry entry, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads entries with a sequence above <paramref name="afterSequence"/>, in sequence order. Sequences increase but may have
    /// gaps, and an entry with a lower sequence may become visible after a higher one (concurrent writers): use
    /// <see cref="RunProgressFeed"/> to read each entry once.
    /// </summary>
    /// <param name="afterSequence">The sequence already read (0 for all).</param>
    /// <param name="limit">The most entries.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<RunProgressEntry>> ReadAfterAsync(long afterSequence, int limit, CancellationToken cancellationToken = default);

    /// <summary>The highest sequence stored (0 when empty): where a reader that only wants new entries starts.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<long> GetLastSequenceAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes entries reported before <paramref name="before"/>.</summary>
    /// <param name="before">The cut-off.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The number deleted.</returns>
    Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken = default);
}
