namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>Accumulates a run's counts and errors from concurrent workers and snapshots them into the run record.</summary>
internal sealed class RunTracker(SyncRun run, int maxErrors, TimeProvider time)
{
    private readonly Dictionary<string, EntitySyncCounts> _counts = new(StringComparer.Ordinal);
    private readonly List<SyncError> _errors = [];
    private readonly Lock _gate = new();
    private long _errorCount;

    public SyncRun Run { get; } = run;

    public long ErrorCount
    {
        get
        {
            lock (_gate)
            {
                return _errorCount;
            }
        }
    }

    public void Add(string entityType, EntitySyncCounts delta)
    {
        lock (_gate)
        {
            _counts[entityType] = _counts.TryGetValue(entityType, out var current) ? current.Add(delta) : delta;
        }
    }

    public void Count(string entityType, UpsertOutcome outcome, long fetched = 1)
        => Add(entityType, outcome switch
        {
            UpsertOutcome.New => new EntitySyncCounts { Fetched = fetched, New = 1 },
            UpsertOutcome.Changed => new EntitySyncCounts { Fetched = fetched, Changed = 1 },
            _ => new EntitySyncCounts { Fetched = fetched, Unchanged = 1 },
        });

    public SyncError Error(string phase, string? entityType, string? externalId, string message, bool countAsFailedItem = true)
    {
        var error = new SyncError(time.GetUtcNow(), phase, entityType, externalId, message);
        lock (_gate)
        {
            _errorCount++;
            if (_errors.Count < maxErrors)
            {
                _errors.Add(error);
            }

            if (countAsFailedItem && entityType is not null)
            {
                var delta = new EntitySyncCounts { Failed = 1 };
                _counts[entityType] = _counts.TryGetValue(entityType, out var current) ? current.Add(delta) : delta;
            }
        }

        return error;
    }

    public IReadOnlyDictionary<string, EntitySyncCounts> CountsSnapshot()
    {
        lock (_gate)
        {
            return new Dictionary<string, EntitySyncCounts>(_counts, StringComparer.Ordinal);
        }
    }

    public SyncRun Snapshot(SyncRunStatus status, string? message = null, bool finished = false)
    {
        lock (_gate)
        {
            return Run with
            {
                Status = status,
                StatusMessage = message,
                FinishedAt = finished ? time.GetUtcNow() : null,
                Counts = new Dictionary<string, EntitySyncCounts>(_counts, StringComparer.Ordinal),
                Errors = _errors.ToList(),
                ErrorCount = _errorCount,
            };
        }
    }
}
