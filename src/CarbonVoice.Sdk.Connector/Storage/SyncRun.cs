namespace CarbonVoice.Sdk.Connector;

/// <summary>One entry of the sync log: a sync or ingestion run of one connector.</summary>
public sealed record SyncRun
{
    /// <summary>
    /// The key under which an ingestion run keeps its chunk counts in <see cref="Counts"/>, beside the entities it read:
    /// chunks are not records, so leave this key out when adding up records.
    /// </summary>
    public const string ChunkCountsKey = "chunk";

    /// <summary>The run id.</summary>
    public required string Id { get; init; }

    /// <summary>The tenant.</summary>
    public required string TenantId { get; init; }

    /// <summary>The connector.</summary>
    public required string ConnectorId { get; init; }

    /// <summary>Full, delta or ingestion.</summary>
    public required SyncKind Kind { get; init; }

    /// <summary>The status.</summary>
    public SyncRunStatus Status { get; init; } = SyncRunStatus.Running;

    /// <summary>When the run started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When the run finished, or null while running.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>For syncs: the high-water mark taken before the run started; the next delta sync asks for changes since it.</summary>
    public DateTimeOffset? HighWaterMark { get; init; }

    /// <summary>Counts per entity type.</summary>
    public IReadOnlyDictionary<string, EntitySyncCounts> Counts { get; init; } = new Dictionary<string, EntitySyncCounts>();

    /// <summary>Recorded errors (bounded; <see cref="ErrorCount"/> has the total).</summary>
    public IReadOnlyList<SyncError> Errors { get; init; } = [];

    /// <summary>The total number of errors, including those not kept in <see cref="Errors"/>.</summary>
    public long ErrorCount { get; init; }

    /// <summary>Why the run failed, was cancelled, expired or was interrupted.</summary>
    public string? StatusMessage { get; init; }

    /// <summary>
    /// The holder of the lease the run runs under (<see cref="SyncLease.Holder"/>), or null for a run recorded without
    /// one. While the run is <see cref="SyncRunStatus.Running"/>, it is alive only as long as that holder's lease is.
    /// </summary>
    public string? LeaseHolder { get; init; }
}
