namespace CarbonVoice.Sdk.Connector;

/// <summary>An <see cref="IRunProgressStore"/> in process memory (workers and host in one process, tests).</summary>
public sealed class InMemoryRunProgressStore : IRunProgressStore
{
    private readonly List<RunProgressEntry> _entries = [];
    private readonly Lock _gate = new();
    private long _last;

    /// <inheritdoc />
    public Task AppendAsync(RunProgressEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _entries.Add(entry with { Sequence = ++_last });
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RunProgressEntry>> ReadAfterAsync(long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<RunProgressEntry>>([.. _entries.Where(e => e.Sequence > afterSequence).Take(limit)]);
        }
    }

    /// <inheritdoc />
    public Task<long> GetLastSequenceAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_last);
        }
    }

    /// <inheritdoc />
    public Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_entries.RemoveAll(e => e.At < before));
        }
    }
}
